// schema.org JobPosting JSON-LD for a position page (https://schema.org/JobPosting). Pure: the web
// position page passes what it already loaded and embeds the result with jobPostingScript().

export interface JobPostingPosition {
  id: string;
  title: string;
  description: string;
  /** ISO instant the position was first opened; falls back to opensOn for positions never opened. */
  publishedAt: string | null;
  opensOn: string;
  closesOn: string;
  seats: number;
  employmentType: string;
  salary: { min: number; max: number } | null;
}

export interface JobPostingEmployer {
  name: string;
  creditCode: string;
}

export interface JobPostingRegion {
  code: string;
  /** The region's own name, e.g. 海拉尔东路街道. */
  name: string;
  /** The full name from the province down, e.g. 内蒙古自治区呼和浩特市新城区海拉尔东路街道. */
  fullName: string;
  /** The province it lies in, e.g. 内蒙古自治区. */
  provinceName: string;
}

export type JobPosting = Record<string, unknown> & { '@context': 'https://schema.org'; '@type': 'JobPosting' };

/** The Chinese calendar date (UTC+8) of an ISO instant. */
function chinaDateOf(isoInstant: string): string {
  return new Date(Date.parse(isoInstant) + 8 * 3600_000).toISOString().slice(0, 10);
}

export function toJobPosting(position: JobPostingPosition, employer: JobPostingEmployer, region: JobPostingRegion): JobPosting {
  const locality = region.fullName.startsWith(region.provinceName) ? region.fullName.slice(region.provinceName.length) : region.fullName;
  const address: Record<string, string> = { '@type': 'PostalAddress', addressRegion: region.provinceName, addressCountry: 'CN' };
  if (locality && region.code.length > 2) address.addressLocality = locality;
  const posting: JobPosting = {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: position.title,
    description: position.description,
    identifier: { '@type': 'PropertyValue', name: employer.name, value: position.id },
    datePosted: position.publishedAt ? chinaDateOf(position.publishedAt) : position.opensOn,
    // The last day is a whole day in China.
    validThrough: `${position.closesOn}T23:59:59+08:00`,
    employmentType: position.employmentType,
    totalJobOpenings: position.seats,
    hiringOrganization: {
      '@type': 'Organization',
      name: employer.name,
      identifier: { '@type': 'PropertyValue', propertyID: '统一社会信用代码', value: employer.creditCode },
    },
    jobLocation: { '@type': 'Place', address },
  };
  if (position.salary) {
    posting.baseSalary = {
      '@type': 'MonetaryAmount',
      currency: 'CNY',
      value: { '@type': 'QuantitativeValue', minValue: position.salary.min, maxValue: position.salary.max, unitText: 'MONTH' },
    };
  }
  return posting;
}

/** The JSON-LD as text safe inside <script type="application/ld+json">: no `<` can end the element. */
export function jobPostingScript(posting: JobPosting): string {
  return JSON.stringify(posting)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
