import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { creditCodeCheckChar, idNumberBirthDate, idNumberCheckChar, isValidCreditCode, isValidIdNumber, maskIdNumber, maskPhone } from '../../src/lib/checksums';
import { createFieldCrypto } from '../../src/lib/crypto';
import { subtreeRange } from '../../src/lib/regions-range';

describe('ID numbers (GB 11643, ISO 7064 MOD 11-2)', () => {
  it('accepts published valid numbers and rejects a changed check character', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('440524188001010014')).toBe(true);
    expect(isValidIdNumber('44052418800101001')).toBe(false);
    expect(isValidIdNumber('11010519491231002x')).toBe(false);
  });
  it('every 17 digits have exactly one valid check character', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (s) => {
        const valid = [...'0123456789X'].filter((ch) => isValidIdNumber(s + ch));
        expect(valid).toEqual([idNumberCheckChar(s)]);
      }),
    );
  });
  it('masks all but the first and last four characters', () => {
    expect(maskIdNumber('150102199001011234')).toBe('1501**********1234');
    expect(idNumberBirthDate('150102199001011234')).toBe('1990-01-01');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});

describe('unified social credit codes (GB 32100)', () => {
  it('accepts a published valid code and rejects a changed check character', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100I000100Y43')).toBe(false);
  });
  it('every 17-character prefix has exactly one valid check character', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{9}$/), (s) => {
        const valid = [...alphabet].filter((ch) => isValidCreditCode(s + ch));
        expect(valid).toEqual([creditCodeCheckChar(s)]);
      }),
    );
  });
});

describe('field encryption', () => {
  it('round-trips, never repeats a ciphertext, and gives a stable HMAC', async () => {
    const fc1 = await createFieldCrypto(Buffer.alloc(32, 7).toString('base64'));
    const a = await fc1.encrypt('150102199001011234');
    const b = await fc1.encrypt('150102199001011234');
    expect(a).not.toBe(b);
    expect(a).not.toContain('150102199001011234');
    expect(await fc1.decrypt(a)).toBe('150102199001011234');
    expect(await fc1.hmac('150102199001011234')).toBe(await fc1.hmac('150102199001011234'));
    const other = await createFieldCrypto(Buffer.alloc(32, 8).toString('base64'));
    await expect(other.decrypt(a)).rejects.toThrow();
    expect(await other.hmac('x')).not.toBe(await fc1.hmac('x'));
  });
});

describe('region subtree ranges', () => {
  it('contain exactly the codes that start with the root', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{2}(\d{2})?$/), fc.stringMatching(/^\d{2,9}$/), (root, code) => {
        const { from, to } = subtreeRange(root);
        expect(code >= from && code < to).toBe(code.startsWith(root));
      }),
    );
  });
});
