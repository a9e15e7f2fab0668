/**
 * What a document must state, item by item, as the round's settings list
 * it (the items of the surat pernyataan; nothing for other documents).
 * The core sends them with each document, so the list follows the round:
 * a Pilkada 2024 round also asks that the applicant has no comorbidity.
 */
export function DocumentContents({ items }: { items: string[] }) {
  if (items.length === 0) return null;
  return (
    <details className="doc-contents" data-testid="doc-contents">
      <summary>Isi yang harus dinyatakan ({items.length} butir)</summary>
      <ol>
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ol>
    </details>
  );
}
