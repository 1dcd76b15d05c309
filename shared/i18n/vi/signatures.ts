/** Vietnamese strings for digital signatures (chữ ký số): signing, verifying, their errors. Part of `vi`. */

export const signaturesVi = {
  signatures: {
    offlineTime: 'Thời điểm ký lấy theo đồng hồ máy tính (không có dịch vụ cấp dấu thời gian)',
    stampSignedBy: 'Ký bởi:',
    stampOrganisation: 'Cơ quan:',
    stampTime: 'Thời gian ký:',
    errors: {
      pdfEncrypted: 'Tệp PDF đã được mã hóa (đặt mật khẩu), không thể ký. Hãy dùng bản không mã hóa.',
      pdfBroken: 'Tệp PDF bị hỏng hoặc không đúng định dạng, không thể ký.',
      pdfLocked: 'Tệp PDF đã được ký với quy định không cho phép thay đổi (DocMDP), không thể ký thêm.',
      pageMissing: (page: number, pages: number) => `Tài liệu chỉ có ${pages} trang, không có trang ${page} để đặt chữ ký.`,
      cmsTooLarge: 'Chữ ký quá lớn so với chỗ dành sẵn trong tệp PDF.',
      tokenLibrary: (lib: string) => `Không nạp được thư viện thiết bị ký số (USB token) "${lib}". Hãy kiểm tra đường dẫn trình điều khiển của nhà cung cấp.`,
      tokenMissing: (slot: number) => `Không tìm thấy thiết bị ký số (USB token) ở khe số ${slot}. Hãy cắm token và thử lại.`,
      tokenLocked: 'Thiết bị ký số đã bị khóa do nhập sai mã PIN nhiều lần. Hãy liên hệ nhà cung cấp chứng thư số để mở khóa.',
      pinIncorrect: 'Mã PIN của thiết bị ký số không đúng. Phần mềm không tự thử lại; hãy nhập lại cẩn thận (token sẽ khóa nếu sai nhiều lần).',
      pinFinalTry: 'Mã PIN không đúng. Chỉ còn một lần thử trước khi thiết bị ký số bị khóa.',
      pinRequired: 'Cần nhập mã PIN của thiết bị ký số để ký.',
      certNotFound: 'Không tìm thấy chứng thư số có khóa ký trên thiết bị ký số.',
      p12Password: 'Mật khẩu tệp chứng thư số (.p12) không đúng, hoặc tệp bị hỏng.',
      p12NoKey: 'Tệp .p12 không chứa khóa bí mật đi kèm chứng thư số.',
      keyUnsupported: 'Chứng thư số dùng loại khóa chưa được hỗ trợ (chỉ hỗ trợ RSA).',
      certExpired: (until: string) => `Chứng thư số đã hết hạn (hiệu lực đến ${until}), không thể ký.`,
      certNotYetValid: (from: string) => `Chứng thư số chưa đến thời hạn hiệu lực (từ ${from}), không thể ký.`,
      certNoSigningUsage: 'Chứng thư số không có mục đích sử dụng "ký số" (digitalSignature/nonRepudiation), không thể dùng để ký.',
      tokenFailed: (what: string) => `Thiết bị ký số báo lỗi: ${what}.`,
    },
  },
} as const;
