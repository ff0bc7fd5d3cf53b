// Drag and drop on the task board. Without it every card still has its own move form; dropping
// a card on a column only chooses that column's status in the card's form and sends it.
(function () {
  var board = document.getElementById("board");
  if (!board) return;
  board.querySelectorAll(".task").forEach(function (card) {
    card.setAttribute("draggable", "true");
    card.addEventListener("dragstart", function (e) {
      e.dataTransfer.setData("text/plain", card.dataset.task);
      e.dataTransfer.effectAllowed = "move";
    });
  });
  board.querySelectorAll(".column").forEach(function (column) {
    column.addEventListener("dragover", function (e) {
      e.preventDefault();
      column.classList.add("drop");
    });
    column.addEventListener("dragleave", function () {
      column.classList.remove("drop");
    });
    column.addEventListener("drop", function (e) {
      e.preventDefault();
      column.classList.remove("drop");
      var card = document.getElementById("task-" + e.dataTransfer.getData("text/plain"));
      if (!card || card.closest(".column") === column) return;
      var form = card.querySelector("form.move");
      form.querySelector("select[name=status]").value = column.dataset.status;
      form.submit();
    });
  });
})();
