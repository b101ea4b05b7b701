/** How many distinct service colours the theme defines (`--service-0` … `--service-7`). */
export const SERVICE_COLOURS = 8;

/**
 * A colour slot for each service, in the order the services first appear: the first eight
 * services get distinct colours, later ones reuse them in turn (the legend names each).
 */
export function serviceColours(
  services: Iterable<string | undefined>,
): ReadonlyMap<string, number> {
  const slots = new Map<string, number>();
  for (const service of services) {
    if (service === undefined || slots.has(service)) continue;
    slots.set(service, slots.size % SERVICE_COLOURS);
  }
  return slots;
}
