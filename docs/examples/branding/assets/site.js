// The project's own script, loaded (deferred) after the toolkit's on every page.
document.documentElement.dataset.project = "example-archive";
