// Suggestions while typing in a people field (templates/people/field.html): the people whose
// name, user name, mail or department contains what is being typed (only a community's members
// where the field says data-people-in), from /suggest/people, as
// the field's datalist, shown with their department. In a list field ("Anna (anna), Jan") only
// the entry being typed is looked up; the others stay. Without this script the form still takes
// names and asks which person is meant.
if (!window.peopleFields) {
  window.peopleFields = true;
  document.addEventListener("input", (event) => {
    const input = event.target;
    if (!input.matches || !input.matches("input[data-people]")) return;
    clearTimeout(input.peopleTimer);
    const many = input.dataset.people === "many";
    const cut = many ? Math.max(input.value.lastIndexOf(","), input.value.lastIndexOf(";")) : -1;
    const before = cut >= 0 ? input.value.slice(0, cut + 1) + " " : "";
    const typed = input.value.slice(cut + 1).trim();
    if (typed.length < 2 || /\)$/.test(typed)) return;
    input.peopleTimer = setTimeout(async () => {
      const within = input.dataset.peopleIn ? `&in=${encodeURIComponent(input.dataset.peopleIn)}` : "";
      const res = await fetch(`/suggest/people?q=${encodeURIComponent(typed)}${within}`, { credentials: "same-origin" });
      if (!res.ok) return;
      const list = document.getElementById(input.getAttribute("list"));
      list.replaceChildren(...(await res.json()).map((p) => {
        const option = document.createElement("option");
        option.value = before + p.value;
        option.textContent = p.about;
        return option;
      }));
    }, 150);
  });
}
