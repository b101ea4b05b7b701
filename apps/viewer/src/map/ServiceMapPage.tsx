export function ServiceMapPage() {
  return <main className="page-message">ServiceMapPage</main>;
}
