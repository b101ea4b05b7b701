export function RejectedPage() {
  return <main className="page-message">RejectedPage</main>;
}
