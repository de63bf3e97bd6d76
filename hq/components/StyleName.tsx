/**
 * A style in a row: its catalog thumbnail (served by the cloud at /media/<hash>/thumb, on the
 * console's own origin) and its name in the current language. A style without an image, or one
 * that fails to load, keeps a calm empty box of the same size, never a broken-image icon.
 */
import { useState } from 'react';
import { useHq } from '../state/context';

function Thumb(props: { styleId: string; hash: string | null }) {
  const [failed, setFailed] = useState<string | null>(null);
  if (!props.hash || failed === props.hash)
    return <span className="thumb" data-style-id={props.styleId} aria-hidden="true" />;
  const hash = props.hash;
  return (
    <img
      className="thumb"
      data-style-id={props.styleId}
      src={`/media/${hash}/thumb`}
      alt=""
      loading="lazy"
      decoding="async"
      onError={() => setFailed(hash)}
    />
  );
}

export function StyleName(props: { styleId: string; onPick?: (styleId: string) => void }) {
  const { styleId, onPick } = props;
  const language = useHq((s) => s.language);
  const style = useHq((s) => s.meta?.styles.find((x) => x.styleId === styleId));
  const name = style ? (language === 'en' ? style.nameEn : style.nameZh) : styleId;
  return (
    <span className="style-name">
      <Thumb styleId={styleId} hash={style?.imageHash ?? null} />
      {onPick ? (
        <button type="button" className="link" onClick={() => onPick(styleId)}>
          {name}
        </button>
      ) : (
        <span>{name}</span>
      )}
      <span className="style-id">{styleId}</span>
    </span>
  );
}
