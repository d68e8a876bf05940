/**
 * Joint choice among the row readings of table 三 by its column checks (anomalies.md T3_BALANCE,
 * T3_RESULT_SUM; T3_ROW_SUM is already enforced by the row readings themselves).
 *
 * Each reading of each row adds a fixed vector to 2 × columns linear forms:
 *   BAL[c] = newReceived[c] + carriedOver[c] − total[c] − carriedForward[c]
 *   RES[c] = total[c] − Σ result rows[c]
 * and an assignment's cost is the number of evaluable forms that are not 0. The search runs a
 * dynamic programme over the partial sums, so the work grows with the number of distinct sums,
 * not with the product of the rows' readings. For every state it keeps, per ambiguous row, the
 * set of readings that reach it: the union over the optimal states is exactly the set of
 * readings used by some optimal assignment, which is what "the cells they all agree on" needs.
 */

export type JointRole = "newReceived" | "carriedOver" | "total" | "carriedForward" | "result" | "other";

export interface JointRow {
  role: JointRole;
  /** `values`: at least one reading; `blank`: nothing printed (counts as 0); `undetermined`: unreadable. */
  status: "values" | "blank" | "undetermined";
  readings: readonly (readonly number[])[];
}

export interface JointOutcome {
  /** `fixed`: no row had a choice. `searched`: the search ran. `tooMany`: it was abandoned. */
  kind: "fixed" | "searched" | "tooMany";
  /** Violations of the best assignment(s). */
  minViolations: number;
  /** 1, or 2 meaning "more than one" assignment reaches minViolations. */
  ways: number;
  /** Per row: the reading indices used by some best assignment (all readings for rows without a choice). */
  keep: Set<number>[];
  /** The failing forms of the best assignment when it is unique, e.g. "T3_RESULT_SUM:0". */
  failing: string[];
}

interface State {
  vec: number[];
  ways: number;
  sets: Map<number, Set<number>>;
}

export function jointSearch(rows: readonly JointRow[], columns: number, stateCap = 20_000): JointOutcome {
  const dims = 2 * columns;
  const byRole = (role: JointRole) => rows.filter((r) => r.role === role);
  const located = (role: JointRole) => byRole(role).some((r) => r.status === "values");
  const anyUndetermined = (roles: JointRole[]) => rows.some((r) => roles.includes(r.role) && r.status === "undetermined");

  const balOk = located("total") && located("newReceived") && !anyUndetermined(["newReceived", "carriedOver", "total", "carriedForward"]);
  const resOk = located("total") && byRole("result").length > 0 && !anyUndetermined(["total", "result"]);
  const evaluable = Array.from({ length: dims }, (_, k) => (k < columns ? balOk : resOk));

  const contrib = (role: JointRole, v: readonly number[]): number[] => {
    const d = new Array<number>(dims).fill(0);
    for (let c = 0; c < columns; c++) {
      const x = v[c] ?? 0;
      if (role === "newReceived" || role === "carriedOver") d[c] = x;
      else if (role === "carriedForward") d[c] = -x;
      else if (role === "total") {
        d[c] = -x;
        d[columns + c] = x;
      } else if (role === "result") d[columns + c] = -x;
    }
    return d;
  };

  const init = new Array<number>(dims).fill(0);
  const ambiguous: number[] = [];
  rows.forEach((r, i) => {
    if (r.status !== "values") return;
    if (r.readings.length === 1) {
      const d = contrib(r.role, r.readings[0] ?? []);
      for (let k = 0; k < dims; k++) init[k] = (init[k] ?? 0) + (d[k] ?? 0);
    } else if (r.readings.length > 1) ambiguous.push(i);
  });

  const allKeep = rows.map((r) => new Set(r.readings.map((_, i) => i)));
  const costOf = (vec: readonly number[]) => vec.reduce((n, x, k) => n + (evaluable[k] && x !== 0 ? 1 : 0), 0);
  const failingOf = (vec: readonly number[]) =>
    vec.flatMap((x, k) =>
      evaluable[k] && x !== 0 ? [`${k < columns ? "T3_BALANCE" : "T3_RESULT_SUM"}:${k % columns}`] : [],
    );

  if (ambiguous.length === 0) {
    return { kind: "fixed", minViolations: costOf(init), ways: 1, keep: allKeep, failing: failingOf(init) };
  }

  let states = new Map<string, State>([[init.join(","), { vec: init, ways: 1, sets: new Map() }]]);
  for (const ri of ambiguous) {
    const row = rows[ri];
    if (!row) continue;
    const deltas = row.readings.map((v) => contrib(row.role, v));
    const next = new Map<string, State>();
    for (const st of states.values()) {
      deltas.forEach((d, i) => {
        const vec = st.vec.map((x, k) => x + (d[k] ?? 0));
        const key = vec.join(",");
        const have = next.get(key);
        if (have) {
          have.ways = Math.min(2, have.ways + st.ways);
          for (const [r, s] of st.sets) {
            const hs = have.sets.get(r);
            if (hs) for (const x of s) hs.add(x);
            else have.sets.set(r, new Set(s));
          }
          const own = have.sets.get(ri);
          if (own) own.add(i);
          else have.sets.set(ri, new Set([i]));
        } else {
          const sets = new Map<number, Set<number>>();
          for (const [r, s] of st.sets) sets.set(r, new Set(s));
          sets.set(ri, new Set([i]));
          next.set(key, { vec, ways: st.ways, sets });
        }
      });
      if (next.size > stateCap) {
        return { kind: "tooMany", minViolations: Number.NaN, ways: 2, keep: allKeep, failing: [] };
      }
    }
    states = next;
  }

  let min = Number.POSITIVE_INFINITY;
  for (const st of states.values()) min = Math.min(min, costOf(st.vec));
  const best = [...states.values()].filter((st) => costOf(st.vec) === min);
  const ways = Math.min(2, best.reduce((n, st) => n + st.ways, 0));
  const keep = rows.map((r, i) => {
    if (!ambiguous.includes(i)) return new Set(r.readings.map((_, j) => j));
    const u = new Set<number>();
    for (const st of best) for (const x of st.sets.get(i) ?? []) u.add(x);
    return u;
  });
  const failing = ways === 1 && best[0] ? failingOf(best[0].vec) : [];
  return { kind: "searched", minViolations: min, ways, keep, failing };
}
