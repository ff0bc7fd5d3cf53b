// Writing help for textareas that take markdown. Without this script the form's preview button
// renders the page again and mentions are typed as @uid; with it:
// - data-preview="ID": the element ID shows the text rendered as it will be saved (POST
//   /preview), updated while typing; the preview button shows it without leaving the page.
//   data-preview-as="mail": as a mail shows it (a newsletter).
// - data-mentions: after "@" and two letters, people whose name, user name, mail or department
//   fit are offered in a list below (arrow keys, Enter or a click); choosing one writes @uid.
//   After "#" and a letter, topics others already use are offered the same way (#topic).
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
        body: new URLSearchParams({ csrf_token: token(), body: area.value, as: area.dataset.previewAs || "" }),
      });
      if (!res.ok) return;
      out.innerHTML = await res.text(); // sanitised by the server, as the saved text will be
      box.hidden = area.value.trim() === "";
    };
    area.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(render, 400); });
    const button = document.querySelector(`button[data-preview-for="${area.id}"]`);
    if (button) button.addEventListener("click", (e) => { e.preventDefault(); render(); box.hidden = false; });
  });

  const per = (n) => (document.documentElement.lang === "de" ? `${n} Beiträge` : `${n} posts`);
  const sources = [
    {
      typed: /(?:^|\s)@([\p{L}\p{N}._-]{2,40})$/u,
      url: (q) => `/suggest/people?q=${encodeURIComponent(q)}`,
      write: (p) => "@" + p.uid,
      label: (p) => [p.name, p.about],
    },
    {
      typed: /(?:^|\s)#(\p{L}[\p{L}\p{N}_-]{0,40})$/u,
      url: (q) => `/suggest/topics?q=${encodeURIComponent(q)}`,
      write: (t) => "#" + t.topic,
      label: (t) => ["#" + t.topic, t.posts === 1 ? (document.documentElement.lang === "de" ? "1 Beitrag" : "1 post") : per(t.posts)],
    },
  ];

  document.querySelectorAll("textarea[data-mentions]").forEach((area, n) => {
    const list = document.createElement("ul");
    list.id = `mentions-${n}`;
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", document.documentElement.lang === "de" ? "Vorschläge" : "Suggestions");
    list.hidden = true;
    area.after(list);
    area.setAttribute("aria-autocomplete", "list");
    area.setAttribute("aria-controls", list.id);
    let found = [], active = -1, timer, start = -1, source = null;

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
      const word = source.write(p);
      area.value = area.value.slice(0, start) + word + " " + area.value.slice(caret);
      const at = start + word.length + 1;
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
        const [title, more] = source.label(p);
        const name = document.createElement("strong");
        name.textContent = title;
        const about = document.createElement("span");
        about.textContent = more ? ` · ${more}` : "";
        li.append(name, about);
        li.addEventListener("mousedown", (e) => { e.preventDefault(); choose(i); });
        return li;
      }));
      list.hidden = people.length === 0;
      mark(people.length ? 0 : -1);
    };

    area.addEventListener("input", () => {
      const before = area.value.slice(0, area.selectionStart);
      clearTimeout(timer);
      let m = null;
      source = sources.find((s) => (m = before.match(s.typed)));
      if (!source) return close();
      start = before.length - m[1].length - 1;
      const typed = m[1];
      timer = setTimeout(async () => {
        const res = await fetch(source.url(typed), { credentials: "same-origin" });
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
