import { vi } from '../../../../shared/i18n/vi';

/** An area whose screens arrive in a later version: says so plainly and offers the way back. */
export function NotYetScreen({ title, description }: { title: string; description: string }) {
  return (
    <section className="page">
      <h1 className="page__title">{title}</h1>
      <div className="card card--empty">
        <p className="card__lead">{vi.placeholder.title}</p>
        <p>{description}</p>
        <p>{vi.placeholder.body}</p>
        <a className="btn btn--secondary" href="#/home">
          {vi.placeholder.back}
        </a>
      </div>
    </section>
  );
}
