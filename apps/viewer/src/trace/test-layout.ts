/**
 * happy-dom lays nothing out, so every element measures 0×0 and a virtualized list would show
 * no rows. Tests that render the timeline give elements a viewport-sized box.
 */
export function giveElementsASize(width = 1200, height = 800): () => void {
  const prototype = HTMLElement.prototype;
  const saved = {
    clientWidth: Object.getOwnPropertyDescriptor(prototype, "clientWidth"),
    clientHeight: Object.getOwnPropertyDescriptor(prototype, "clientHeight"),
  };
  Object.defineProperty(prototype, "clientWidth", { configurable: true, get: () => width });
  Object.defineProperty(prototype, "clientHeight", { configurable: true, get: () => height });
  return () => {
    for (const [name, descriptor] of Object.entries(saved)) {
      if (descriptor) Object.defineProperty(prototype, name, descriptor);
      else Reflect.deleteProperty(prototype, name);
    }
  };
}
