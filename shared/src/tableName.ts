/**
 * What the board's header, the join page and the reports call the table: "Tisch 3 · Mobilität", or only the title when the
 * organiser's title already numbers the table ("Tisch 3", "Thementisch 3: Wohnen", "Table 3"):
 * their numbering wins, and "Tisch 1 · Tisch 3" would only confuse. Pure.
 */
export function tableName(
  title: string,
  number: number | null | undefined,
  withNumber: (number: number, title: string) => string,
): string {
  if (typeof number !== 'number') return title
  if (/^\s*(thementisch|tisch|table)\s*\d+/i.test(title)) return title
  return withNumber(number, title)
}
