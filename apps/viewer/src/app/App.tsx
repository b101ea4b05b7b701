import { lazy, Suspense } from "react";
import { createBrowserRouter, RouterProvider } from "react-router";
import { AuthGate } from "../auth/AuthGate.tsx";
import { ComparePage } from "../compare/ComparePage.tsx";
import { GroupsPage } from "../groups/GroupsPage.tsx";
import { RejectedPage } from "../rejected/RejectedPage.tsx";
import { SamplingPage } from "../sampling/SamplingPage.tsx";
import { TracePage } from "../trace/TracePage.tsx";
import { TracesPage } from "../traces/TracesPage.tsx";
import { Layout } from "./Layout.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";

/**
 * Every view has a URL: `/` the live trace list (`?filter=`, `?group=`), `/traces/:id` one
 * trace, `/compare?a=&b=` two traces side by side, `/map` the service map, `/groups`,
 * `/sampling`, `/rejected`.
 */
/** The map brings the graph layout library: loaded when first opened. */
const ServiceMapPage = lazy(async () => ({
  default: (await import("../map/ServiceMapPage.tsx")).ServiceMapPage,
}));

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, element: <TracesPage /> },
      { path: "traces/:id", element: <TracePage /> },
      { path: "compare", element: <ComparePage /> },
      {
        path: "map",
        element: (
          <Suspense fallback={<main className="page-message">Loading the service map…</main>}>
            <ServiceMapPage />
          </Suspense>
        ),
      },
      { path: "groups", element: <GroupsPage /> },
      { path: "sampling", element: <SamplingPage /> },
      { path: "rejected", element: <RejectedPage /> },
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
