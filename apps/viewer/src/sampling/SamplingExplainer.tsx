import { SAMPLING } from "./SamplingPage.markers.ts";

const EXAMPLE_RULES = `[
  {
    "RuleName": "NoHealthChecks",
    "Priority": 1,
    "URLPath": "/health",
    "ReservoirSize": 0,
    "FixedRate": 0
  },
  {
    "RuleName": "CheckoutPosts",
    "Priority": 10,
    "ServiceName": "checkout",
    "HTTPMethod": "POST",
    "ReservoirSize": 2,
    "FixedRate": 0.1
  }
]`;

/** How sampling works, why a request is missing, and how to change the rules. */
export function SamplingExplainer() {
  return (
    <aside
      className="sampling-explainer"
      aria-label="How sampling works"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: it scrolls on its own, so keyboard users must be able to focus it to scroll
      tabIndex={0}
      data-testid={SAMPLING.explainer}
    >
      <h2>How an SDK decides</h2>
      <ol>
        <li>
          On its first request the SDK fetches the rules from its daemon address (
          <code>POST /GetSamplingRules</code>), then again every 5 minutes.
        </li>
        <li>
          For each incoming request it tries the rules by priority, lowest number first. The first
          rule whose service name, service type, host, HTTP method and URL path all match (
          <code>*</code> and <code>?</code> are wildcards) decides.
        </li>
        <li>
          The rule's <strong>reservoir</strong> traces the first N matching requests each second.
          Beyond that, the <strong>fixed rate</strong> traces that share of the rest, at random.
        </li>
        <li>
          Every 10 seconds the SDK reports how many requests matched each rule, how many it sampled
          and how many it <strong>borrowed</strong> (traced on one request per second before the
          daemon granted it a reservoir quota), through <code>POST /SamplingTargets</code>. Those
          reports fill the tables here.
        </li>
      </ol>

      <h2>Why a request was, or was not, traced</h2>
      <ul>
        <li>
          A rule with reservoir 0 and fixed rate 0 % matched it: such requests are never traced
          (health checks, typically).
        </li>
        <li>The reservoir was used up that second and the fixed-rate draw said no.</li>
        <li>
          The request arrived with <code>X-Amzn-Trace-Id: …;Sampled=0</code>: the caller already
          decided, and the SDK follows it. <code>Sampled=1</code> forces a trace the same way.
        </li>
        <li>
          The SDK could not reach the daemon's TCP port, logged a warning and fell back to 1 request
          per second plus 5 % of the rest.
        </li>
      </ul>
      <p>
        An unsampled request still gets a trace id, but the SDK sends nothing for it: it cannot
        appear in the trace list.
      </p>

      <h2>Changing the rules</h2>
      <p>
        Start the daemon with <code>--sampling-rules FILE</code>: a JSON list of X-Ray SamplingRule
        objects (or <code>{'{"SamplingRules": [...]}'}</code>). Matchers you leave out default to{" "}
        <code>*</code>. The sandbox's own Default rule traces every request.
      </p>
      <pre className="sampling-example">{EXAMPLE_RULES}</pre>
      <p>
        The X-Ray API's <code>CreateSamplingRule</code>, <code>UpdateSamplingRule</code> and{" "}
        <code>DeleteSamplingRule</code> change them while it runs. SDKs see a change at their next
        rules fetch, up to 5 minutes later; restart the service to apply it at once.
      </p>
    </aside>
  );
}
