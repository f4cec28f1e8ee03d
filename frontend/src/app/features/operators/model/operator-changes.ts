import {
  type CreateOperatorRequest,
  type OperatorDto,
  type OperatorField,
  type UpdateOperatorRequest,
} from './operators.model';

/** What the operator form holds, normalised (trimmed, MIPTA URLs one per entry). */
export type OperatorFormValue = CreateOperatorRequest & {
  readonly email: string;
  readonly phone: string;
};

/** The form value of an existing operator. */
export function formValueOf(operator: OperatorDto): OperatorFormValue {
  return {
    id: operator.id,
    name: operator.name,
    kind: operator.kind,
    homepage: operator.homepage,
    customerAccountUrl: operator.customerAccountUrl,
    email: operator.email,
    phone: operator.phone,
    defaultLanguage: operator.defaultLanguage,
    modeIds: operator.modes.map((mode) => mode.id),
    miptaUrls: [...operator.miptaUrls],
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => item === b[index]);
  }
  return a === b;
}

/**
 * The PATCH body: the fields of `value` that differ from `original`, limited to the `editable` ones (an operator
 * user must never send a field it may not change: the server answers FIELD_NOT_ALLOWED). Never the id.
 */
export function operatorChanges(
  original: OperatorDto,
  value: OperatorFormValue,
  editable: ReadonlySet<OperatorField>,
): UpdateOperatorRequest {
  const before = formValueOf(original);
  const changes: Record<string, unknown> = {};
  for (const field of editable) {
    if (field !== 'id' && !sameValue(before[field], value[field])) {
      changes[field] = value[field];
    }
  }
  return changes;
}

/** The POST body of a new operator (blank email and phone left out). */
export function createRequestOf(value: OperatorFormValue): CreateOperatorRequest {
  const { email, phone, ...rest } = value;
  return { ...rest, ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
}
