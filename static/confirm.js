// A button with data-confirm asks before its form leaves. The question is the server's: the form
// is sent once without confirm=yes, which changes nothing and answers with the confirmation page;
// its heading, sentence and buttons are shown in a dialog. Agreeing sends the form again with
// confirm=yes. Should anything fail, the form is sent as it is and the server asks on its page.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  const button = event.submitter;
  if (!button || !("confirm" in button.dataset) || form.dataset.confirmed === "yes") return;
  event.preventDefault();
  const data = new FormData(form);
  if (button.name) data.append(button.name, button.value);
  const plain = () => { form.dataset.confirmed = "yes"; form.requestSubmit(button); };
  let page;
  try {
    // getAttribute: a field named "action" would shadow the form's property.
    const target = new URL(form.getAttribute("action") || location.href, location.href);
    const res = await fetch(target, { method: "POST", body: new URLSearchParams(data), credentials: "same-origin" });
    page = new DOMParser().parseFromString(await res.text(), "text/html");
  } catch (_) { return plain(); }
  const asked = page.getElementById("confirm");
  if (!asked) return plain();
  const dialog = document.createElement("dialog");
  dialog.className = "confirm";
  dialog.setAttribute("aria-labelledby", "confirm-title");
  const title = document.createElement("h2");
  title.id = "confirm-title";
  title.textContent = asked.querySelector("h1").textContent;
  dialog.append(title, ...[...asked.querySelectorAll("p")].map((p) => document.importNode(p, true)));
  const actions = document.createElement("div");
  actions.className = "actions";
  const yes = document.importNode(page.getElementById("confirm-yes"), true);
  yes.type = "button";
  const no = document.createElement("button");
  no.type = "button";
  no.className = "secondary";
  no.id = "confirm-no";
  no.textContent = page.getElementById("confirm-no").textContent;
  actions.append(yes, no);
  dialog.append(actions);
  document.body.append(dialog);
  no.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => dialog.remove());
  yes.addEventListener("click", () => {
    const field = document.createElement("input");
    field.type = "hidden";
    field.name = "confirm";
    field.value = "yes";
    form.append(field);
    dialog.close();
    plain();
  });
  dialog.showModal();
  no.focus();
});
