/** What `GetTraceSummaries` worked out as root causes, for `/api/stats` (`rootCauses`). */

import {
  type AssembledTrace,
  analyseRootCauses,
  MAX_ENTITY_PATH,
  MAX_ROOT_CAUSES,
  type RootCauseStats,
  type TraceRootCauses,
} from "@xray-sandbox/segments";

export class RootCauseCounts {
  #summaries = 0;
  #leftOut = 0;
  #summariesCut = 0;
  #entitiesLeftOut = 0;

  /** The trace's root causes, counted. */
  of(trace: AssembledTrace): TraceRootCauses {
    const { causes, leftOut, entitiesLeftOut } = analyseRootCauses(trace);
    this.#summaries++;
    this.#entitiesLeftOut += entitiesLeftOut;
    if (leftOut > 0) {
      this.#leftOut += leftOut;
      this.#summariesCut++;
    }
    return causes;
  }

  stats(): RootCauseStats {
    return {
      summaries: this.#summaries,
      limit: MAX_ROOT_CAUSES,
      leftOut: this.#leftOut,
      summariesCut: this.#summariesCut,
      entityPathLimit: MAX_ENTITY_PATH,
      entitiesLeftOut: this.#entitiesLeftOut,
    };
  }
}
