/** Base class of the errors the viewer package throws on purpose. */
export class ViewerError extends Error {
  override name = 'ViewerError';
}

/** The viewer's web files are missing: the package was not built. */
export class ViewerNotBuiltError extends ViewerError {
  override name = 'ViewerNotBuiltError';
}

/** The port asked for is taken by another program. */
export class PortInUseError extends ViewerError {
  override name = 'PortInUseError';
}
