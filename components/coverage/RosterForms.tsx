"use client";
// The roster page's forms: import a file, add one agency, remove one, remove the roster. Each is a
// server action (lib/rosters/actions.ts) guarded like uploads; errors are listed per row.
import { useActionState, useRef } from "react";
import {
  addRosterEntryAction,
  importRosterAction,
  removeRosterAction,
  removeRosterEntryAction,
  type RosterActionResult,
} from "@/lib/rosters/actions";

const field = "rounded border border-line bg-white px-2 py-1";

function Outcome({ state, testId }: { state: RosterActionResult; testId: string }) {
  if (!state) return null;
  return (
    <div role={state.ok ? "status" : "alert"} data-testid={testId} className={`mt-2 text-sm ${state.ok ? "text-green-700" : "text-red-700"}`}>
      <p>{state.message}</p>
      {!state.ok && state.errors && (
        <ul className="mt-1 list-disc pl-5 text-ink" data-testid={`${testId}-errors`}>
          {state.errors.map((e, i) => (
            <li key={i}>
              第 {e.line} 行：{e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Token({ required }: { required: boolean }) {
  if (!required) return null;
  return (
    <label className="text-sm">
      上传口令
      <input type="password" name="token" className={`ml-2 ${field}`} autoComplete="current-password" required />
    </label>
  );
}

export function ImportRosterForm({ region, tokenRequired }: { region: string | null; tokenRequired: boolean }) {
  const [state, action, pending] = useActionState(importRosterAction, null);
  return (
    <form action={action} className="space-y-2" data-testid="roster-import">
      <div className="flex flex-wrap items-end gap-3">
        {region ? (
          <input type="hidden" name="region" value={region} />
        ) : (
          <label className="text-sm">
            名单所属地区代码
            <input name="region" inputMode="numeric" pattern="\d{6}" placeholder="如 371500" className={`ml-2 w-28 ${field}`} required />
          </label>
        )}
        <label className="text-sm">
          名单文件（CSV 或 XLSX）
          <input type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="ml-2" required />
        </label>
        <Token required={tokenRequired} />
        <button type="submit" disabled={pending} className="rounded bg-ink px-3 py-1 text-sm text-white disabled:opacity-50">
          {pending ? "导入中…" : "导入名单"}
        </button>
      </div>
      <p className="text-xs text-muted">
        第一行为表头：名称（必填）、地区代码（六位，空则为本地区）、级别（省级/市级/县级/乡镇，空则按地区）、别名（多个用“、”分隔）、上级。导入会替换这个地区原有的名单；有任何一行出错则整份不导入。
      </p>
      <Outcome state={state} testId="roster-import-result" />
    </form>
  );
}

export function AddEntryForm({ region, tokenRequired }: { region: string; tokenRequired: boolean }) {
  const [state, action, pending] = useActionState(addRosterEntryAction, null);
  const form = useRef<HTMLFormElement>(null);
  return (
    <form ref={form} action={action} className="flex flex-wrap items-end gap-2 text-sm" data-testid="roster-add">
      <input type="hidden" name="region" value={region} />
      <label>
        名称 <input name="name" required maxLength={200} className={field} />
      </label>
      <label>
        地区代码 <input name="regionCode" inputMode="numeric" placeholder={region} className={`w-24 ${field}`} />
      </label>
      <label>
        级别 <input name="level" placeholder="市级" className={`w-20 ${field}`} />
      </label>
      <label>
        别名 <input name="aliases" className={field} />
      </label>
      <label>
        上级 <input name="parent" className={field} />
      </label>
      <Token required={tokenRequired} />
      <button type="submit" disabled={pending} className="rounded border border-line bg-white px-3 py-1">
        添加
      </button>
      <Outcome state={state} testId="roster-add-result" />
    </form>
  );
}

export function RemoveEntryButton({ entry, name, tokenRequired }: { entry: number; name: string; tokenRequired: boolean }) {
  const [state, action, pending] = useActionState(removeRosterEntryAction, null);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="entry" value={entry} />
      {tokenRequired && <input type="password" name="token" placeholder="口令" className={`w-16 ${field}`} required />}
      <button type="submit" disabled={pending} className="text-xs text-red-700" aria-label={`从名单中移除${name}`}>
        移除
      </button>
      {state && !state.ok && <span className="ml-1 text-xs text-red-700">{state.message}</span>}
    </form>
  );
}

export function RemoveRosterForm({ region, tokenRequired }: { region: string; tokenRequired: boolean }) {
  const [state, action, pending] = useActionState(removeRosterAction, null);
  return (
    <form
      action={action}
      className="flex flex-wrap items-end gap-2 text-sm"
      onSubmit={(e) => {
        if (!confirm("删除这份名单？这个地区将改按默认名单统计。")) e.preventDefault();
      }}
    >
      <input type="hidden" name="region" value={region} />
      <Token required={tokenRequired} />
      <button type="submit" disabled={pending} className="rounded border border-red-700 px-3 py-1 text-red-700">
        删除名单
      </button>
      <Outcome state={state} testId="roster-remove-result" />
    </form>
  );
}
