// Renders the page's Mermaid diagrams with the Mermaid copy shipped beside this file:
// the built site needs no network (sites may be air-gapped).
(function () {
  function run() {
    if (!window.mermaid) return;
    window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
    window.mermaid.run({ querySelector: "div.mermaid" });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
