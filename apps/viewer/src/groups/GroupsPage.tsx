export function GroupsPage() {
  return <main className="page-message">GroupsPage</main>;
}
