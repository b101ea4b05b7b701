export function TracePage() {
  return <main className="page-message">TracePage</main>;
}
