export function TracesPage() {
  return <main className="page-message">TracesPage</main>;
}
