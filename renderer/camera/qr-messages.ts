/** What the page and the QR worker say to each other. */
export interface WorkerRequest {
  id: number;
  width: number;
  height: number;
  /** RGBA pixels, transferred (not copied) to the worker. */
  buffer: ArrayBuffer;
}

export interface WorkerReply {
  id: number;
  text: string | null;
}
