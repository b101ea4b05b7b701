import { Link, useLocation } from "react-router";

export function NotFoundPage() {
  const location = useLocation();
  return (
    <main className="page-message">
      <h1>Nothing at {location.pathname}</h1>
      <p>
        <Link to="/">Back to the trace list</Link>
      </p>
    </main>
  );
}
