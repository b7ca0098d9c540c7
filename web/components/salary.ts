// A position's salary in words.
import { fmt, type Messages } from '../i18n';

export function salaryText(m: Messages, salary: { min: number; max: number } | null): string {
  if (!salary) return m.common.salaryNegotiable;
  const n = (v: number) => v.toLocaleString('en-US');
  if (salary.min === salary.max) return fmt(m.common.salaryFrom, { min: n(salary.min) });
  return fmt(m.common.salaryRange, { min: n(salary.min), max: n(salary.max) });
}
