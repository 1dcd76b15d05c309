import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { UnitProfileInputSchema, type UnitProfile, type UnitProfileInput } from '../../../../shared/contract/unit.schema';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { useToast } from '../../components/Toast';
import { rpc } from '../../rpc/client';

type FormValues = z.input<typeof UnitProfileInputSchema>;

interface UnitProfileFormProps {
  initial: UnitProfile | null;
  submitLabel: string;
  /** First run: the next step says it was saved, so no toast. */
  quiet?: boolean;
  onSaved(profile: UnitProfile): void;
}

const EMPTY: FormValues = {
  parentAgency: '',
  unitName: '',
  agencyCode: '',
  place: '',
  address: '',
  phone: '',
  email: '',
  officers: [{ name: '', title: '' }],
};

/**
 * The unit profile form, used by first-run set-up and by Settings. The same zod schema that the
 * core enforces validates here first, so errors show at the field before anything is sent; errors
 * the core still finds come back as issues and land on the same fields. Nothing is saved unless all pass.
 */
export function UnitProfileForm({ initial, submitLabel, onSaved, quiet = false }: UnitProfileFormProps) {
  const toast = useToast();
  const form = useForm<FormValues, unknown, UnitProfileInput>({
    resolver: zodResolver(UnitProfileInputSchema) as never,
    defaultValues: initial ? toFormValues(initial) : EMPTY,
    mode: 'onTouched',
  });
  const { register, handleSubmit, formState, setError, control } = form;
  const officers = useFieldArray({ control, name: 'officers' });
  const errors = formState.errors;

  const [summary, setSummary] = useState<string | null>(null);
  const onSubmit = handleSubmit(
    async (values) => {
      setSummary(null);
      // A blank officer row left at the end is not a mistake; drop it rather than refuse the form.
      const cleaned = { ...values, officers: (values.officers ?? []).filter((o) => o.name.trim() !== '') };
      const result = await rpc.call('unit.save', cleaned);
      if (result.ok) {
        if (!quiet) toast('success', vi.setup.saved);
        onSaved(result.value);
        return;
      }
      for (const issue of result.error.issues ?? []) setError((issue.path || 'root') as never, { message: issue.message });
      toast('error', result.error.message);
    },
    (errs) => {
      // The fields say what is wrong; this line says how many, next to the button the clerk pressed.
      // Focus lands on the first invalid field (react-hook-form's shouldFocusError).
      setSummary(vi.setup.fixErrors(countErrors(errs)));
    },
  );

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={submitLabel}>
      <div className="form__grid">
        <TextField label={vi.setup.parentAgency} hint={vi.setup.parentAgencyHint} required autoFocus error={errors.parentAgency?.message} {...register('parentAgency')} />
        <TextField label={vi.setup.unitName} hint={vi.setup.unitNameHint} required error={errors.unitName?.message} {...register('unitName')} />
        <TextField
          label={vi.setup.agencyCode}
          hint={vi.setup.agencyCodeHint}
          required
          spellCheck={false}
          autoCapitalize="characters"
          error={errors.agencyCode?.message}
          {...register('agencyCode')}
        />
        <TextField label={vi.setup.place} hint={vi.setup.placeHint} required error={errors.place?.message} {...register('place')} />
        <TextField label={vi.setup.address} className="form__wide" error={errors.address?.message} {...register('address')} />
        <TextField label={vi.setup.phone} type="tel" error={errors.phone?.message} {...register('phone')} />
        <TextField label={vi.setup.email} type="email" error={errors.email?.message} {...register('email')} />
      </div>

      <fieldset className="form__group">
        <legend>{vi.setup.officers}</legend>
        <p className="form__hint">{vi.setup.officersHint}</p>
        {officers.fields.map((field, index) => (
          <div className="form__row" key={field.id}>
            <TextField
              label={`${vi.setup.officerName} (${index + 1})`}
              error={errors.officers?.[index]?.name?.message}
              {...register(`officers.${index}.name` as const)}
            />
            <TextField label={vi.setup.officerTitle} error={errors.officers?.[index]?.title?.message} {...register(`officers.${index}.title` as const)} />
            <Button variant="ghost" className="form__row-action" onClick={() => officers.remove(index)} aria-label={vi.setup.removeOfficer(index + 1)}>
              {vi.common.remove}
            </Button>
          </div>
        ))}
        <Button variant="secondary" onClick={() => officers.append({ name: '', title: '' })}>
          + {vi.setup.addOfficer}
        </Button>
      </fieldset>

      {errors.root?.message || summary ? (
        <p className="form__error" role="alert">
          {errors.root?.message ?? summary}
        </p>
      ) : null}
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={formState.isSubmitting} shortcut="Enter">
          {formState.isSubmitting ? vi.common.saving : submitLabel}
        </Button>
      </div>
    </form>
  );
}

/** Only the editable fields: the stored profile also carries updatedAt, which the input schema refuses. */
function toFormValues(p: UnitProfile): FormValues {
  return {
    parentAgency: p.parentAgency,
    unitName: p.unitName,
    agencyCode: p.agencyCode,
    place: p.place,
    address: p.address,
    phone: p.phone,
    email: p.email,
    officers: p.officers.length > 0 ? p.officers.map((o) => ({ name: o.name, title: o.title })) : EMPTY.officers,
  };
}

function countErrors(errs: object): number {
  let n = 0;
  const walk = (v: unknown) => {
    if (!v || typeof v !== 'object') return;
    if ('message' in v && typeof (v as { message?: unknown }).message === 'string') {
      n += 1;
      return;
    }
    for (const child of Object.values(v)) walk(child);
  };
  walk(errs);
  return Math.max(n, 1);
}
