// Apply a remembered theme before the first paint; no choice follows the system.
try { var t = localStorage.getItem("errref-theme"); if (t === "light" || t === "dark") document.documentElement.dataset.theme = t; } catch (e) {}
