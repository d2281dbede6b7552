import DocxMerge
