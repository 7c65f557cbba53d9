// The PDFs of the records: a report, a prescription, a sick-leave notice. One layout: who writes
// (identity, RPPS, address), for whom, what, when, and for documents a pharmacist or an employer
// checks, their number and a QR code to our own verification page (never the Assurance Maladie's).
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';

export interface PdfContent {
  title: string;
  /** Printed as "N° …" and kept in the file's metadata (subject) too. */
  number?: string;
  verifyUrl?: string;
  /** "Fait le 2 décembre 2026 à 11 h 30", already worded. */
  dated: string;
  author: string[];
  patient: string[];
  sections: { heading: string; lines: string[] }[];
  footer?: string;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const QR_SIZE = 96;

export async function renderPdf(content: PdfContent, createdAt: Date): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(content.title);
  if (content.number) pdf.setSubject(content.number);
  pdf.setCreator('Parcours');
  pdf.setProducer('Parcours');
  pdf.setLanguage('fr-FR');
  pdf.setCreationDate(createdAt);
  pdf.setModificationDate(createdAt);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const writer = new Writer(pdf, regular, bold);

  writer.block(content.author, 10);
  if (content.verifyUrl) {
    const png = await QRCode.toBuffer(content.verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 256 });
    const image = await pdf.embedPng(png);
    writer.page.drawImage(image, { x: A4[0] - MARGIN - QR_SIZE, y: A4[1] - MARGIN - QR_SIZE, width: QR_SIZE, height: QR_SIZE });
  }
  writer.gap(12);
  writer.block(content.patient, 10);
  writer.gap(16);
  writer.line(content.title, 16, bold);
  if (content.number) writer.line(`N° ${content.number}`, 10);
  writer.line(content.dated, 10);
  for (const section of content.sections) {
    writer.gap(10);
    writer.line(section.heading, 12, bold);
    for (const text of section.lines) writer.paragraph(text, 10);
  }
  if (content.footer) {
    writer.gap(16);
    writer.paragraph(content.footer, 8);
  }
  return pdf.save();
}

/** Lays lines top to bottom, wrapping to the width and turning the page when full. */
class Writer {
  page: PDFPage;
  private y: number;
  private readonly printable = new Map<string, string>();

  constructor(
    private readonly pdf: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = pdf.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  gap(points: number) {
    this.y -= points;
  }

  block(lines: string[], size: number) {
    for (const text of lines) this.line(text, size);
  }

  paragraph(text: string, size: number) {
    for (const raw of text.split('\n')) {
      const words = raw.split(/\s+/).filter(Boolean);
      if (words.length === 0) {
        this.gap(size);
        continue;
      }
      let current = '';
      for (const word of words) {
        const candidate = current ? `${current} ${word}` : word;
        if (current && this.width(candidate, size) > A4[0] - 2 * MARGIN - QR_SIZE / 2) {
          this.line(current, size);
          current = word;
        } else current = candidate;
      }
      this.line(current, size);
    }
  }

  line(text: string, size: number, font: PDFFont = this.regular) {
    if (this.y < MARGIN + size) {
      this.page = this.pdf.addPage(A4);
      this.y = A4[1] - MARGIN;
    }
    this.y -= size * 1.35;
    this.page.drawText(this.safe(text, font), { x: MARGIN, y: this.y, size, font, color: rgb(0, 0, 0) });
  }

  private width(text: string, size: number) {
    return this.regular.widthOfTextAtSize(this.safe(text, this.regular), size);
  }

  /** The standard fonts speak WinAnsi: a character outside it (an emoji, a Cyrillic name) prints as "?" rather than failing. */
  private safe(text: string, font: PDFFont): string {
    let out = '';
    for (const ch of text) {
      let ok = this.printable.get(ch);
      if (ok === undefined) {
        try {
          font.encodeText(ch);
          ok = ch;
        } catch {
          ok = '?';
        }
        this.printable.set(ch, ok);
      }
      out += ok;
    }
    return out;
  }
}
