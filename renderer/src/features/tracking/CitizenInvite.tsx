import { useState } from 'react';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { useToast } from '../../components/Toast';
import { rpc, transportKind } from '../../rpc/client';
import { citizenPageUrl } from './citizen-client';

/**
 * "Let the citizen rate on the second screen" (issue 14 item 8): asks the core for a narrow citizen
 * pass for this returned dossier. Browser mode opens a new tab holding only that pass (noopener: it
 * gets neither the launch token nor the officer's session); in the desktop app the shell opens its
 * second window itself and the pass never reaches a page.
 */
export function CitizenInvite({ code }: { code: string }) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const invite = async () => {
    setBusy(true);
    const r = await rpc.call('citizen.open', { code });
    setBusy(false);
    if (!r.ok) {
      toast('error', r.error.message);
      return;
    }
    if (transportKind === 'ipc') {
      toast('success', vi.citizen.openedWindow(r.value.code));
      return;
    }
    window.open(citizenPageUrl(window.location, r.value.token), '_blank', 'noopener');
    toast('success', vi.citizen.openedTab(r.value.code));
  };
  return (
    <Button variant="secondary" disabled={busy} onClick={() => void invite()}>
      {vi.citizen.openButton}
    </Button>
  );
}
