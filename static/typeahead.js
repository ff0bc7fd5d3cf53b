// Suggestions while typing in an invite field: fetches the same page with ?find= and takes its
// list of matching people. Without this script the field works as a plain form.
document.querySelectorAll("input[data-typeahead]").forEach((input) => {
  const list = document.getElementById(input.getAttribute("list"));
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const find = input.value.trim();
    if (find.length < 2) return;
    timer = setTimeout(async () => {
      const res = await fetch(`${input.dataset.typeahead}?find=${encodeURIComponent(find)}`, {
        credentials: "same-origin",
      });
      if (!res.ok) return;
      const page = new DOMParser().parseFromString(await res.text(), "text/html");
      const fresh = page.getElementById(list.id);
      if (fresh) list.replaceChildren(...fresh.children);
    }, 200);
  });
});
