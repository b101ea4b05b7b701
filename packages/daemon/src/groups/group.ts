/** X-Ray's rules for groups: the `Default` group, the quota, names and ARNs. */

export const DEFAULT_GROUP_NAME = "Default";
/** X-Ray's quota of groups per account and region, besides `Default`. */
export const MAX_GROUPS = 25;
export const GROUP_ARN_PREFIX = "arn:aws:xray:local:000000000000:group/";

export function groupArn(name: string, id: string): string {
  return `${GROUP_ARN_PREFIX}${name}/${id}`;
}

const GROUP_NAME = /^[A-Za-z0-9-]{1,32}$/;

/** Names as X-Ray allows them: 1 to 32 letters, digits and dashes. Undefined when valid. */
export function groupNameProblem(name: string): string | undefined {
  if (GROUP_NAME.test(name)) return undefined;
  return `GroupName ${JSON.stringify(name)} is not valid: use 1 to 32 letters, digits and dashes`;
}
