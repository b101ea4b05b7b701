const GROUP_NAME = /^[A-Za-z0-9-]+$/;
export const MAX_GROUP_NAME_LENGTH = 32;

/** X-Ray's rule for group names; undefined when `name` follows it. */
export function groupNameProblem(name: string): string | undefined {
  if (name === "") return "Give the group a name.";
  if (name.length > MAX_GROUP_NAME_LENGTH) {
    return `At most ${MAX_GROUP_NAME_LENGTH} characters (this one has ${name.length}).`;
  }
  if (!GROUP_NAME.test(name)) {
    const bad = [...new Set(name.replace(/[A-Za-z0-9-]/g, ""))].map((c) => JSON.stringify(c));
    return `Only letters, digits and dashes; not ${bad.join(", ")}.`;
  }
  return undefined;
}
