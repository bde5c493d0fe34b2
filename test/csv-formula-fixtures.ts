/** Cell values a spreadsheet would run as formulas (OWASP's CSV-injection cases), for the export tests. */
export const PLANTED_FORMULAS = [
  '=HYPERLINK("http://evil.example","x")',
  "=cmd|' /C calc'!A0",
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '\t=1+1',
  '\r=1+1',
]
