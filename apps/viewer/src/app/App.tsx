import { type ComponentType, type ReactNode, Suspense, use } from "react";
import { createBrowserRouter, RouterProvider } from "react-router";
import { AuthGate } from "../auth/AuthGate.tsx";
import { Layout } from "./Layout.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";
import {
  loadComparePage,
  loadGroupsPage,
  loadRejectedPage,
  loadSamplingPage,
  loadServiceMapPage,
  loadTracePage,
  loadTracesPage,
} from "./route-modules.ts";

/**
 * Every view has a URL: `/` the live trace list (`?filter=`, `?group=`), `/traces/:id` one
 * trace, `/compare?a=&b=` two traces side by side, `/map` the service map, `/groups`,
 * `/sampling`, `/rejected`. Each view's code loads when it is first shown.
 */
function lazyView<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): ComponentType {
  function LazyView() {
    // Suspends (the fallback shows) only while the file is still on its way.
    const Page: ComponentType = use(load())[name];
    return <Page />;
  }
  LazyView.displayName = name;
  return LazyView;
}

const TracesPage = lazyView(loadTracesPage, "TracesPage");
const TracePage = lazyView(loadTracePage, "TracePage");
const ComparePage = lazyView(loadComparePage, "ComparePage");
/** The map also brings the graph layout library. */
const ServiceMapPage = lazyView(loadServiceMapPage, "ServiceMapPage");
const GroupsPage = lazyView(loadGroupsPage, "GroupsPage");
const SamplingPage = lazyView(loadSamplingPage, "SamplingPage");
const RejectedPage = lazyView(loadRejectedPage, "RejectedPage");

/**
 * A view whose code may still be loading, with a message meanwhile. Each view has a boundary
 * of its own (the key): the one left behind is unmounted, not kept hidden under the next.
 */
function view(View: ComponentType, loading: string): ReactNode {
  return (
    <Suspense
      key={loading}
      fallback={
        <main className="page-message" aria-busy="true">
          {loading}
        </main>
      }
    >
      <View />
    </Suspense>
  );
}

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, element: view(TracesPage, "Loading the traces…") },
      { path: "traces/:id", element: view(TracePage, "Loading the trace…") },
      { path: "compare", element: view(ComparePage, "Loading the comparison…") },
      { path: "map", element: view(ServiceMapPage, "Loading the service map…") },
      { path: "groups", element: view(GroupsPage, "Loading the groups…") },
      { path: "sampling", element: view(SamplingPage, "Loading the sampling rules…") },
      { path: "rejected", element: view(RejectedPage, "Loading the rejected datagrams…") },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <AuthGate>
      <RouterProvider router={router} />
    </AuthGate>
  );
}
