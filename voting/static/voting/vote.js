/*
 * The budget ballot, enhanced: each pool's running total and what is left update as boxes
 * are ticked (in polite live regions), and a ballot over a pool's budget or spread over two
 * districts is stopped before it is sent. Without this script the server checks the same.
 */
(function () {
    "use strict";

    var form = document.querySelector("form[data-ballot=budget]");
    if (!form) {
        return;
    }
    var lang = document.documentElement.lang || "pl";
    var number = new Intl.NumberFormat(lang, {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
        useGrouping: "always",
    });
    var pools = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-pool]"));
    var districtsWarning = form.querySelector("[data-districts]");
    var totalOut = form.querySelector("[data-total]");
    var recount = form.querySelector("[data-recount]");
    if (recount) {
        recount.hidden = true; // the totals count themselves as boxes are ticked
    }

    function money(cents) {
        return form.dataset.money.replace("%(amount)s", number.format(cents / 100));
    }

    function cents(value) {
        return Math.round(parseFloat(value || "0") * 100);
    }

    function setText(element, text) {
        // Only touch the live region when something changed, so nothing is read twice.
        if (element && element.textContent !== text) {
            element.textContent = text;
        }
    }

    function update() {
        var total = 0;
        var overPools = [];
        var districts = {};
        pools.forEach(function (pool) {
            var amount = cents(pool.dataset.amount);
            var selected = 0;
            pool.querySelectorAll("input[type=checkbox][data-cost]").forEach(function (box) {
                if (box.checked) {
                    selected += cents(box.dataset.cost);
                    if (pool.dataset.district) {
                        districts[pool.dataset.district] = true;
                    }
                }
            });
            total += selected;
            var over = selected - amount;
            setText(pool.querySelector("[data-selected]"), money(selected));
            setText(pool.querySelector("[data-remaining]"), money(Math.max(0, -over)));
            var warning = pool.querySelector("[data-over]");
            if (warning) {
                warning.hidden = over <= 0;
                if (over > 0) {
                    setText(warning, form.dataset.overText.replace("%(amount)s", money(over)));
                }
            }
            pool.classList.toggle("ballot-group--over", over > 0);
            if (over > 0) {
                overPools.push(pool);
            }
        });
        setText(totalOut, money(total));
        var tooManyDistricts = Object.keys(districts).length > 1;
        if (districtsWarning) {
            districtsWarning.hidden = !tooManyDistricts;
        }
        return { over: overPools, districts: tooManyDistricts };
    }

    form.addEventListener("change", function (event) {
        if (event.target.matches("input[type=checkbox]")) {
            update();
        }
    });

    form.addEventListener("submit", function (event) {
        var state = update();
        var problem = state.over.length
            ? state.over[0].querySelector("[data-over]")
            : state.districts
              ? districtsWarning
              : null;
        if (problem) {
            event.preventDefault();
            problem.setAttribute("tabindex", "-1");
            problem.focus();
        }
    });

    update();
})();
