import { HttpStatus } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import { CommonErrors } from '../../common/errors/common.errors';

export const AuditErrors = {
  notFound: (id: number) =>
    new AppError('AUDIT_RECORD_NOT_FOUND', HttpStatus.NOT_FOUND, `Audit record ${id} does not exist (or was purged)`),
  rangeReversed: () =>
    CommonErrors.validationFailed([
      { field: 'to', constraint: 'notBeforeFrom', message: 'to must not be before from' },
    ]),
};
