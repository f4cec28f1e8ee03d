import type { SnapshotOperator } from './directory-snapshot';
import type { OperatorFilter, OperatorSort } from './dto/operator-query.dto';

const present = (text: string | undefined): string | undefined => {
  const trimmed = text?.trim();
  return trimmed ? trimmed.toLowerCase() : undefined;
};

/**
 * The directory filters as one predicate: every given filter must hold (AND). Text filters are case-insensitive
 * "contains"; `id` is a prefix (3 digits = exact); `language` exact; `mode` = runs every listed mode.
 * The SQL twin for exports is OperatorsRepository.applyFilter; a test checks both give the same answers.
 */
export function operatorPredicate(filter: OperatorFilter): (op: SnapshotOperator) => boolean {
  const q = present(filter.q);
  const id = filter.id?.trim();
  const email = present(filter.email);
  const phone = present(filter.phone);
  const homepage = present(filter.homepage);
  const language = present(filter.language);
  const mipta = present(filter.mipta);
  const modes = [...new Set(filter.mode ?? [])];
  return (op) =>
    (q === undefined || op.search.name.includes(q)) &&
    (!id || op.dto.id.startsWith(id)) &&
    (email === undefined || op.search.email.includes(email)) &&
    (phone === undefined || op.search.phone.includes(phone)) &&
    (homepage === undefined || op.search.homepage.includes(homepage)) &&
    (language === undefined || op.search.language === language) &&
    (mipta === undefined || op.search.mipta.some((url) => url.includes(mipta))) &&
    modes.every((mode) => op.modeIds.has(mode));
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `name` sorts by lower-cased name (code-unit order), ties by id; `-` reverses. */
export function operatorComparator(sort: OperatorSort = 'name'): (a: SnapshotOperator, b: SnapshotOperator) => number {
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  const compare =
    key === 'name'
      ? (a: SnapshotOperator, b: SnapshotOperator) => byText(a.search.name, b.search.name) || byText(a.dto.id, b.dto.id)
      : (a: SnapshotOperator, b: SnapshotOperator) => byText(a.dto.id, b.dto.id);
  return descending ? (a, b) => compare(b, a) : compare;
}

export function searchOperators(operators: readonly SnapshotOperator[], filter: OperatorFilter): SnapshotOperator[] {
  return operators.filter(operatorPredicate(filter)).sort(operatorComparator(filter.sort));
}
