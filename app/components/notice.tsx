export function Notice({ tone = "info", children }: { tone?: "info" | "success" | "warning" | "error"; children: React.ReactNode }) {
  const alert = tone === "error" || tone === "warning";
  return (
    <div className={`notice notice-${tone}`} role={alert ? "alert" : "status"}>
      {children}
    </div>
  );
}
