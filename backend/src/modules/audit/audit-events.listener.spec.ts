import { Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Clock } from '../../common/time/clock';
import type { AuditEntry } from './audit-entry';
import { AuditEventsListener } from './audit-events.listener';
import type { AuditWriter } from './audit-writer.service';

describe('AuditEventsListener', () => {
  const make = (record: (entry: AuditEntry) => void, enabled = true) => {
    const emitter = new EventEmitter2();
    const listener = new AuditEventsListener(emitter, { enabled, record } as unknown as AuditWriter, new Clock());
    listener.onModuleInit();
    return { emitter, listener };
  };
  afterEach(() => jest.restoreAllMocks());

  it('records every event published, whatever its name, until the application has shut down', () => {
    const entries: AuditEntry[] = [];
    const { emitter, listener } = make((e) => entries.push(e));
    emitter.emit('operator.updated', { type: 'operator.updated', actor: null, entityId: '012' });
    emitter.emit('something-new.happened', { type: 'something-new.happened' });
    emitter.emit('not an event', { type: 'x' });
    listener.onApplicationShutdown();
    emitter.emit('operator.deleted', { type: 'operator.deleted' });
    expect(entries.map((e) => e.type)).toEqual(['operator.updated', 'something-new.happened']);
  });

  it('never lets a failure reach the module that published', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation();
    const { emitter } = make(() => {
      throw new Error('full');
    });
    expect(() => emitter.emit('operator.updated', { type: 'operator.updated' })).not.toThrow();
    expect(error).toHaveBeenCalled();
  });

  it('does not listen when the audit log is disabled', () => {
    const record = jest.fn();
    const { emitter } = make(record, false);
    emitter.emit('operator.updated', { type: 'operator.updated' });
    expect(record).not.toHaveBeenCalled();
  });
});
