/** What the demo suggests trying by hand, one per concept. */
export function tryCommands(backendUrl: string): string[] {
  const message = `'{"from":"bayko","to":"andrewbrown","body":"hi"}'`;
  return [
    `curl -i ${backendUrl}/api/activities/@andrewbrown           # the UserData subsegment`,
    `curl -i "${backendUrl}/api/activities/search?q=tracing"     # annotations vs metadata`,
    `curl -i ${backendUrl}/api/messages/@andrewbrown             # SQL subsegments`,
    `curl -i ${backendUrl}/api/notifications/@andrewbrown        # two services, one trace`,
    `curl -i ${backendUrl}/api/users/@legacyuser/settings        # a 500 with its stack`,
    `curl -i ${backendUrl}/api/activities/trending               # a slow request`,
    `curl -i -X POST -H 'content-type: application/json' -d ${message} ${backendUrl}/api/messages   # 4th in 10 s: 429`,
  ];
}
