/**
 * A style in a row: its name in the current language and, beside it, the spot where its catalog
 * thumbnail goes once catalog media reaches the cloud (GET /media/<hash>, data-media branch). The
 * spot is an empty box of the final size so the layout will not move when images arrive.
 */
import { useHq } from '../state/context';

export function StyleName(props: { styleId: string; onPick?: (styleId: string) => void }) {
  const { styleId, onPick } = props;
  const language = useHq((s) => s.language);
  const style = useHq((s) => s.meta?.styles.find((x) => x.styleId === styleId));
  const name = style ? (language === 'en' ? style.nameEn : style.nameZh) : styleId;
  return (
    <span className="style-name">
      <span className="thumb" data-style-id={styleId} aria-hidden="true" />
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
