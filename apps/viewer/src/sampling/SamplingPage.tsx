export function SamplingPage() {
  return <main className="page-message">SamplingPage</main>;
}
