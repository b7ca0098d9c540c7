// Valid Chinese identifiers for tests: resident ID numbers and unified social credit codes, fresh
// on each call (unique within the test file) unless a fixed serial is asked for.
import { creditCodeCheckChar, idNumberCheckChar } from '../../src/lib/checksums';

const serials = new Map<string, number>();

function addDays(yyyymmdd: string, days: number): string {
  const t = Date.parse(`${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}T00:00:00Z`);
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/** A valid resident ID number: 6-digit region, birth date (`YYYYMMDD` or `YYYY-MM-DD`), a 3-digit
 * serial and the check character. Without `serial` each call takes the next serial for that region
 * and birth date; after 1,000 the birth date moves on a day, so bulk rosters stay unique. With
 * `serial` the number is always the same (pages and screenshots that show it). */
export function idNumber(region = '150102', birth = '19950314', serial?: string): string {
  let day = birth.replace(/-/g, '');
  let s = serial;
  if (s === undefined) {
    const key = `${region}${day}`;
    const n = serials.get(key) ?? 0;
    serials.set(key, n + 1);
    s = String(n % 1000).padStart(3, '0');
    if (n >= 1000) day = addDays(day, Math.floor(n / 1000));
  }
  const first17 = region + day + s;
  return first17 + idNumberCheckChar(first17);
}

/** The same identifier (ID number or credit code) with a wrong check character. */
export function withBadCheckChar(id: string): string {
  return id.slice(0, 17) + ('0123456789X'.split('').find((c) => c !== id[17]) as string);
}

let creditSerial = Math.floor(Math.random() * 1_000_000);
/** A fresh valid 统一社会信用代码 of an organisation registered in `region` (unique within the file). */
export function creditCode(region = '150102'): string {
  creditSerial += 1;
  const first17 = `52${region}MJ${String(creditSerial % 10_000_000).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

let phoneSerial = 0;
/** A fresh mobile number (unique within the file). */
export function phoneNumber(): string {
  phoneSerial += 1;
  return `139${String(phoneSerial).padStart(8, '0')}`;
}
