import type { PublicImage } from '../quiz/image-ref'

/**
 * An uploaded image at most as wide as its column (`.responsive-image`:
 * `max-width: 100%; height: auto`), with its width and height set so the page
 * keeps its place before it loads (no layout shift). A decorative image has
 * `alt=""`, so screen readers skip it.
 */
export function ResponsiveImage({ image, class: extra }: { image: PublicImage; class?: string }) {
  return (
    <img
      class={extra ? `responsive-image ${extra}` : 'responsive-image'}
      src={image.src}
      alt={image.alt}
      width={image.width}
      height={image.height}
      loading="lazy"
      decoding="async"
    />
  )
}
