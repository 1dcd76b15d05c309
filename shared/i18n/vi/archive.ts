/** Vietnamese messages of the searchable archive (issue 18): the OCR queue and full-text search. */
export const archiveVi = {
  // Why a page has no text (ocr_pages.reason)
  ocrReason: {
    engine_missing:
      'Máy này chưa có bộ nhận dạng chữ (tesseract, dữ liệu tiếng Việt "vie"). Hãy nhờ quản trị cài đặt, rồi bấm "Nhận dạng lại".',
    engine_failed: 'Bộ nhận dạng chữ gặp lỗi khi đọc trang này. Hãy bấm "Nhận dạng lại"; nếu vẫn lỗi, hãy quét lại trang.',
    timeout: 'Trang này đọc quá lâu nên đã dừng. Hãy bấm "Nhận dạng lại" khi máy rảnh, hoặc quét lại ở 200–300 dpi.',
    unreadable_image: 'Ảnh của trang này bị hỏng, bộ nhận dạng chữ không đọc được. Hãy quét lại trang.',
    unreadable_page: 'Tệp lưu trữ của trang này bị hỏng hoặc không đọc được. Hồ sơ không bị ảnh hưởng; hãy quét lại thành phần này.',
    no_image: 'Trang này không phải ảnh quét (tệp PDF điện tử), không cần nhận dạng chữ.',
    no_text: 'Không tìm thấy chữ trên trang (trang trắng hoặc ảnh không có chữ).',
    file_missing: 'Không tìm thấy tệp lưu trữ của trang này. Hãy quét lại thành phần này.',
  },
  ocrProgressLabel: (done: number, total: number) => `Nhận dạng chữ: ${done}/${total} trang`,
} as const;

export type OcrReasonCode = keyof typeof archiveVi.ocrReason;
