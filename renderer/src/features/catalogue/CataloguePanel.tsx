import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import type { Limit, Procedure } from '../../../../shared/contract/catalogue.schema';
import { searchProcedures } from '../../../../shared/domain/catalogue';
import { limitText } from '../../../../shared/domain/deadline';
import { describeFeeRule } from '../../../../shared/domain/fees';
import { formatVnDate } from '../../../../shared/domain/vn-date';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { DataTable } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { DateField } from '../../components/DateField';
import { TextField } from '../../components/Field';
import { useToast } from '../../components/Toast';
import { fileUrl, rpc } from '../../rpc/client';

function todayIso(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Admin view of the catalogue: browse, edit a version, retire, and round-trip through Excel. */
export function CataloguePanel() {
  const qc = useQueryClient();
  const toast = useToast();
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<Procedure | 'new' | null>(null);
  const [retiring, setRetiring] = useState<Procedure | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const list = useQuery({ queryKey: ['catalog.list', 'admin'], queryFn: () => rpc.invoke('catalog.list') });
  const rows = useMemo(() => (filter.trim() ? searchProcedures(list.data ?? [], filter, 100) : (list.data ?? [])), [list.data, filter]);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['catalog.list'] });

  const exportXlsx = async () => {
    const r = await rpc.call('catalog.exportXlsx', {});
    if (!r.ok) return toast('error', r.error.message);
    const a = document.createElement('a');
    a.href = fileUrl(r.value.fileId);
    a.download = r.value.name;
    a.click();
  };
  const importXlsx = async (file: File) => {
    const r = await rpc.call('catalog.importXlsx', { base64: await toBase64(file), name: file.name });
    if (!r.ok) return toast('error', [r.error.message, ...(r.error.issues ?? []).slice(0, 3).map((i) => i.message)].join(' '));
    toast('success', vi.catalogueUi.imported(r.value.added, r.value.replaced, r.value.unchanged));
    refresh();
  };

  return (
    <div>
      <p className="form__hint">{vi.catalogueUi.intro}</p>
      <div className="toolbar">
        <TextField label={vi.catalogueUi.search} value={filter} onChange={(e) => setFilter(e.target.value)} />
        <Button onClick={() => setEditing('new')}>+ {vi.catalogueUi.add}</Button>
        <Button onClick={() => void exportXlsx()}>{vi.catalogueUi.exportXlsx}</Button>
        <Button onClick={() => fileInput.current?.click()}>{vi.catalogueUi.importXlsx}</Button>
        <input
          ref={fileInput}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          hidden
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void importXlsx(f);
            e.target.value = '';
          }}
        />
      </div>
      <DataTable
        caption={vi.catalogueUi.title}
        rows={rows}
        rowKey={(p) => `${p.code}@${p.effectiveFrom}`}
        empty="—"
        columns={[
          { key: 'code', header: vi.catalogueUi.colCode, render: (p) => <code>{p.code}</code> },
          { key: 'name', header: vi.catalogueUi.colName, render: (p) => p.name },
          { key: 'field', header: vi.catalogueUi.colField, render: (p) => p.field },
          { key: 'limit', header: vi.catalogueUi.colLimit, render: (p) => limitText(p.limit) },
          { key: 'fee', header: vi.catalogueUi.colFee, render: (p) => describeFeeRule(p.feeRule) },
          { key: 'from', header: vi.catalogueUi.colFrom, render: (p) => formatVnDate(p.effectiveFrom) },
          {
            key: 'actions',
            header: '',
            render: (p) => (
              <span className="row-actions">
                <Button variant="ghost" onClick={() => setEditing(p)}>
                  {vi.catalogueUi.edit}
                </Button>
                <Button variant="ghost" onClick={() => setRetiring(p)}>
                  {vi.catalogueUi.retire}
                </Button>
              </span>
            ),
          },
        ]}
      />
      {editing ? <ProcedureDialog procedure={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={refresh} /> : null}
      {retiring ? <RetireDialog procedure={retiring} onClose={() => setRetiring(null)} onSaved={refresh} /> : null}
    </div>
  );
}

function RetireDialog({ procedure, onClose, onSaved }: { procedure: Procedure; onClose(): void; onSaved(): void }) {
  const toast = useToast();
  const [date, setDate] = useState(todayIso());
  const [error, setError] = useState<string>();
  const save = async () => {
    const r = await rpc.call('catalog.retire', { code: procedure.code, effectiveFrom: procedure.effectiveFrom, retiredAt: date });
    if (!r.ok) return setError(r.error.issues?.[0]?.message ?? r.error.message);
    toast('success', vi.catalogueUi.retired);
    onSaved();
    onClose();
  };
  return (
    <Dialog open title={vi.catalogueUi.retireTitle(procedure.code)} onClose={onClose} footer={<Button variant="danger" onClick={() => void save()}>{vi.catalogueUi.retire}</Button>}>
      <p>{procedure.name}</p>
      <DateField label={vi.catalogueUi.retireFrom} value={date} onChange={setDate} error={error} />
    </Dialog>
  );
}

/** Edit the fields an admin actually changes; everything else of the version is kept as it was. */
function ProcedureDialog({ procedure, onClose, onSaved }: { procedure: Procedure | null; onClose(): void; onSaved(): void }) {
  const toast = useToast();
  const [code, setCode] = useState(procedure?.code ?? '');
  const [name, setName] = useState(procedure?.name ?? '');
  const [field, setField] = useState(procedure?.field ?? 'Hộ tịch');
  const [limitKind, setLimitKind] = useState<Limit['kind']>(procedure?.limit.kind ?? 'working-days');
  const [days, setDays] = useState(procedure && procedure.limit.kind !== 'same-day' ? String(procedure.limit.days) : '3');
  const fee = procedure?.feeRule;
  const [amount, setAmount] = useState(fee && 'amount' in fee && fee.amount !== undefined ? String(fee.amount) : '');
  const [from, setFrom] = useState(procedure?.effectiveFrom ?? todayIso());
  const [components, setComponents] = useState(procedure ? procedure.components.map((c) => `${c.required ? '*' : ''}${c.name}`).join('\n') : '');
  const [receipt, setReceipt] = useState(procedure?.receiptRequired ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = async () => {
    const limit: Limit = limitKind === 'same-day' ? { kind: 'same-day', cutoff: '15:00' } : { kind: limitKind, days: Number(days) };
    const typed = amount.trim() === '' ? undefined : Number(amount);
    const feeRule =
      !fee || fee.kind === 'free'
        ? typed !== undefined
          ? { kind: 'flat' as const, amount: typed }
          : { kind: 'free' as const }
        : fee.kind === 'per-page'
          ? fee
          : fee.kind === 'provincial'
            ? { ...fee, amount: typed }
            : { ...fee, amount: typed ?? fee.amount };
    const lines = components.split('\n').map((l) => l.trim()).filter(Boolean);
    const byName = new Map((procedure?.components ?? []).map((c) => [c.name, c]));
    const next = {
      ...(procedure ?? { level: 'xa' as const, resultType: 'paper' as const }),
      code,
      name,
      field,
      limit,
      feeRule,
      receiptRequired: receipt,
      effectiveFrom: from,
      components: lines.map((l) => {
        const required = l.startsWith('*');
        const n = l.replace(/^\*\s*/, '');
        const old = byName.get(n);
        return { name: n, kind: old?.kind ?? ('ban-chinh' as const), count: old?.count ?? 1, required, ...(old?.note ? { note: old.note } : {}) };
      }),
    };
    delete (next as { retiredAt?: string }).retiredAt;
    // A new effective date makes a new version; the one in force stops the day before.
    if (procedure && from !== procedure.effectiveFrom) {
      const retired = await rpc.call('catalog.retire', { code: procedure.code, effectiveFrom: procedure.effectiveFrom, retiredAt: from });
      if (!retired.ok) return setErrors({ effectiveFrom: retired.error.issues?.[0]?.message ?? retired.error.message });
    }
    const r = await rpc.call('catalog.save', next as never);
    if (!r.ok) {
      setErrors(Object.fromEntries((r.error.issues ?? [{ path: 'effectiveFrom', message: r.error.message }]).map((i) => [i.path.split('.')[0] ?? i.path, i.message])));
      return;
    }
    toast('success', vi.catalogueUi.saved);
    onSaved();
    onClose();
  };

  return (
    <Dialog
      open
      title={procedure ? vi.catalogueUi.editTitle(procedure.code) : vi.catalogueUi.addTitle}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{vi.common.cancel}</Button>
          <Button variant="primary" onClick={() => void save()}>
            {vi.common.save}
          </Button>
        </>
      }
    >
      <div className="form__grid">
        <TextField label={vi.catalogueUi.code} value={code} onChange={(e) => setCode(e.target.value)} disabled={procedure !== null} error={errors.code} />
        <TextField label={vi.catalogueUi.field} value={field} onChange={(e) => setField(e.target.value)} error={errors.field} />
        <TextField label={vi.catalogueUi.name} className="form__wide" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <div className="field">
          <label className="field__label" htmlFor="proc-limit-kind">
            {vi.catalogueUi.limitKind}
          </label>
          <select id="proc-limit-kind" className="field__input" value={limitKind} onChange={(e) => setLimitKind(e.target.value as Limit['kind'])}>
            {(Object.keys(vi.catalogueUi.limitKinds) as Array<Limit['kind']>).map((k) => (
              <option key={k} value={k}>
                {vi.catalogueUi.limitKinds[k]}
              </option>
            ))}
          </select>
        </div>
        {limitKind !== 'same-day' ? <TextField label={vi.catalogueUi.limitDays} type="number" min={1} value={days} onChange={(e) => setDays(e.target.value)} error={errors.limit} /> : <span />}
        <TextField label={fee?.kind === 'per-page' ? `${vi.catalogueUi.feeAmount} — ${describeFeeRule(fee)}` : vi.catalogueUi.feeAmount} type="number" min={0} value={amount} onChange={(e) => setAmount(e.target.value)} disabled={fee?.kind === 'per-page'} error={errors.feeRule} />
        <DateField label={vi.catalogueUi.effectiveFrom} value={from} onChange={setFrom} hint={procedure ? vi.catalogueUi.effectiveHint : undefined} error={errors.effectiveFrom} />
        <div className="field form__wide">
          <label className="field__label" htmlFor="proc-components">
            {vi.catalogueUi.components}
          </label>
          <textarea id="proc-components" className="field__input" rows={5} value={components} onChange={(e) => setComponents(e.target.value)} />
          <div className="field__error">{errors.components ?? ''}</div>
        </div>
        <label className="check">
          <input type="checkbox" checked={receipt} onChange={(e) => setReceipt(e.target.checked)} /> {vi.catalogueUi.receiptRequired}
        </label>
      </div>
    </Dialog>
  );
}
