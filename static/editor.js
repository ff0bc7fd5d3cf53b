// Writing help for textareas that take markdown. Without this script the form's preview button
// renders the page again and mentions are typed as @uid; with it:
// - data-preview="ID": the element ID shows the text rendered as it will be saved (POST
//   /preview), updated while typing; the preview button shows it without leaving the page.
// - data-mentions: after "@" and two letters, people whose name, user name, mail or department
//   fit are offered in a list below (arrow keys, Enter or a click); choosing one writes @uid.
(() => {
  const token = () => document.querySelector('input[name="csrf_token"]')?.value || "";

  document.querySelectorAll("textarea[data-preview]").forEach((area) => {
    const out = document.getElementById(area.dataset.preview);
    const box = out.closest("section") || out;
    let timer;
    const render = async () => {
      const res = await fetch("/preview", {
        method: "POST",
        credentials: "same-origin",
        body: new URLSearchParams({ csrf_token: token(), body: area.value }),
      });
      if (!res.ok) return;
      out.innerHTML = await res.text(); // sanitised by the server, as the saved text will be
      box.hidden = area.value.trim() === "";
    };
    area.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(render, 400); });
    const button = document.querySelector(`button[data-preview-for="${area.id}"]`);
    if (button) button.addEventListener("click", (e) => { e.preventDefault(); render(); box.hidden = false; });
  });

  document.querySelectorAll("textarea[data-mentions]").forEach((area, n) => {
    const list = document.createElement("ul");
    list.id = `mentions-${n}`;
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", document.documentElement.lang === "de" ? "Vorschläge für die Erwähnung" : "Suggestions for the mention");
    list.hidden = true;
    area.after(list);
    area.setAttribute("aria-autocomplete", "list");
    area.setAttribute("aria-controls", list.id);
    let found = [], active = -1, timer, start = -1;

    const close = () => {
      list.hidden = true; found = []; active = -1;
      area.removeAttribute("aria-activedescendant");
    };
    const mark = (i) => {
      active = i;
      [...list.children].forEach((li, j) => li.setAttribute("aria-selected", String(j === i)));
      if (i >= 0) area.setAttribute("aria-activedescendant", `${list.id}-${i}`);
    };
    const choose = (i) => {
      const p = found[i];
      if (!p) return;
      const caret = area.selectionStart;
      area.value = area.value.slice(0, start) + "@" + p.uid + " " + area.value.slice(caret);
      const at = start + p.uid.length + 2;
      area.setSelectionRange(at, at);
      close();
      area.focus();
      area.dispatchEvent(new Event("input"));
    };
    const show = (people) => {
      found = people;
      list.replaceChildren(...people.map((p, i) => {
        const li = document.createElement("li");
        li.id = `${list.id}-${i}`;
        li.setAttribute("role", "option");
        const name = document.createElement("strong");
        name.textContent = p.name;
        const about = document.createElement("span");
        about.textContent = p.about ? ` · ${p.about}` : "";
        li.append(name, about);
        li.addEventListener("mousedown", (e) => { e.preventDefault(); choose(i); });
        return li;
      }));
      list.hidden = people.length === 0;
      mark(people.length ? 0 : -1);
    };

    area.addEventListener("input", () => {
      const before = area.value.slice(0, area.selectionStart);
      const m = before.match(/(?:^|\s)@([\p{L}\p{N}._-]{2,40})$/u);
      clearTimeout(timer);
      if (!m) return close();
      start = before.length - m[1].length - 1;
      timer = setTimeout(async () => {
        const res = await fetch(`/suggest/people?q=${encodeURIComponent(m[1])}`, { credentials: "same-origin" });
        if (res.ok) show(await res.json());
      }, 150);
    });
    area.addEventListener("keydown", (e) => {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); mark((active + 1) % found.length); }
      else if (e.key === "ArrowUp") { e.preventDefault(); mark((active - 1 + found.length) % found.length); }
      else if (e.key === "Enter" || e.key === "Tab") { e.preventDefault(); choose(active); }
      else if (e.key === "Escape") { e.preventDefault(); close(); }
    });
    area.addEventListener("blur", () => setTimeout(close, 100));
  });
})();
