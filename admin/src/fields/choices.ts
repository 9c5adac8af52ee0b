/** Select choices for a Strapi enumeration, labelled by the `ar.enums.<name>.<value>` keys. */
export const enumChoices = (name: string, values: readonly string[]) =>
  values.map((value) => ({ id: value, name: `ar.enums.${name}.${value}` }));
