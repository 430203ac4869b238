/**
 * Every user-visible string, in Korean and English, and the only place that turns an error name into words.
 */
export type Lang = 'ko' | 'en';

const en = {
  appTitle: 'Garim',
  tagline: 'Cover faces in a video — everything stays on this device.',
  dropHere: 'Drop a video here',
  orChoose: 'or',
  firstRunTitle: 'How it works',
  firstRunStep1: 'Choose or drop a video. It is read in this browser and never uploaded.',
  firstRunStep2:
    'Garim finds the faces (and, if you like, licence plates and text) and follows them through the video.',
  firstRunStep3:
    'Review what will be covered: move, resize or draw regions, keep someone visible, then export the covered video.',
  firstRunDismiss: 'Got it',
  chooseFile: 'Choose a video…',
  supported:
    'MP4, MOV, WebM, MKV, AVI; several at once are analysed one after another. Nothing is uploaded: the video never leaves this browser.',
  language: 'Language',
  backend: 'Detection',
  backendLoading: 'Loading detector…',
  backendThreads: 'SIMD, {threads, plural, one {# thread} other {# threads}}',
  backendNotIsolated: 'SIMD, 1 thread (page not cross-origin isolated)',
  stageProbe: 'Reading the video',
  stageConvert: 'Converting with ffmpeg.wasm',
  stageRepair: 'The file is damaged: repairing it with ffmpeg.wasm',
  stageAnalyse: 'Finding faces',
  stageExport: 'Covering faces and encoding',
  stageCheck: 'Checking the result for uncovered faces',
  checkClean: 'Self-check: detection found nothing uncovered in the exported video.',
  checkFindings:
    'Self-check: detection still found possible faces or text outside the covered areas on these frames. Look at them before sharing:',
  frameLabel: 'frame',
  projectsTitle: 'Projects on this device',
  stateAnalysing: 'analysis unfinished',
  stateReview: 'needs review',
  stateExported: 'exported',
  stateFailed: 'analysis failed',
  retryProject: 'Retry',
  resumeProject: 'Resume',
  openProject: 'Open',
  renameProject: 'Rename',
  deleteProject: 'Delete',
  renamePrompt: 'New name for the project',
  deleteConfirm: 'Delete this project and its stored video from this device?',
  storageUsed: 'Storage used by Garim on this device:',
  reviewTitle: 'Review what will be covered',
  reviewHint:
    'Each row is one face or piece of text followed through the video. Everything listed is covered; tick "keep visible" for a person who should stay recognisable.',
  reviewNone: 'Nothing was detected. Check the video yourself before sharing it.',
  exportButton: 'Cover and export the video',
  keepVisible: 'keep visible',
  classFace: 'Face',
  classPlate: 'Plate / text',
  editAgain: 'Back to review',
  frames: 'frames',
  fps: 'fps',
  eta: 'left',
  browserBusy:
    'The browser is busy with other work and has paused video decoding ({duration} so far). Garim is waiting; nothing is lost. Closing other tabs or programs helps.',
  cancel: 'Cancel',
  jobInBackground:
    'You can switch apps: Garim keeps the screen on while it works, and if the browser stops it meanwhile, the analysis goes on from its last saved frame when you come back (an export starts again).',
  queueTitle: 'Videos in the queue',
  queueHint: 'They are analysed one after another in the background; each becomes its own project.',
  queueWaiting: 'Waiting',
  queueAnalysing: 'Analysing in the background',
  queueReady: 'Ready to review',
  queueFailed: 'Could not be analysed',
  queueCancelled: 'Stopped: resume it from the saved projects',
  queueReview: 'Review',
  queueStop: 'Stop',
  queueRemove: 'Remove',
  queueNowReady: '{name} is ready to review',
  cancelled: 'Cancelled. Nothing was changed; you can start again.',
  done: 'Done. Faces are covered.',
  download: 'Download the covered video',
  startOver: 'Process another video',
  'style.title': 'How regions are covered',
  'style.legend': 'Style',
  'style.mosaic': 'Mosaic',
  'style.solid': 'Solid colour (nothing of the picture is left)',
  'style.blur': 'Blur',
  'style.blurWeaker':
    'Blur is weaker than a mosaic or a solid colour: a blurred face keeps its shape and colours, and people who know it may still recognise it.',
  'style.color': 'Colour',
  'style.strength':
    'Detail left across a region: {cells, plural, one {# cell} other {# cells}} (fewer is safer)',
  'style.padding': 'Area covered: each region grown to {factor}× its size (larger is safer)',
  'style.track': 'Style of this region',
  'style.projectDefault': 'As the project',
  summaryFrames: 'Frames',
  summaryDamage: 'Damaged input',
  summaryDamageCounts:
    '{concealed, plural, one {# frame} other {# frames}} rebuilt by concealment · {filled, plural, one {# frame} other {# frames}} not decodable (the picture before is held)',
  summaryFaces: 'Frames with faces',
  summaryAnalyse: 'Analysis speed',
  summaryExport: 'Export speed',
  summarySize: 'Output size',
  previewLabel: 'Current frame with the regions that will be covered',
  privacyNote: 'Processing happens entirely in your browser. No server, no upload.',
  'error.EmptyFileError': 'This file is empty (0 bytes). Choose the original video file again.',
  'error.NoVideoTrackError':
    'This file has no video in it (perhaps audio only). Choose a video file.',
  'error.UnsupportedInputError':
    'This file could not be read as a video. It may be damaged or in a format Garim does not support yet.',
  'error.ModelLoadError': 'The face detector could not be loaded. Reload the page and try again.',
  'renderFailed.title': 'Something went wrong on this screen',
  'renderFailed.body':
    'Your projects and edits are saved on this device. Go back to the start screen or reload the page to continue.',
  'renderFailed.back': 'Back to start',
  'renderFailed.reload': 'Reload',
  'error.EncodeError':
    'The video could not be encoded in this browser. Try another browser (Chrome or Edge) or a shorter clip.',
  'error.QuotaExceededError': 'The device is out of storage space. Free some space and try again.',
  'error.StorageFullError':
    'This device is out of storage space, so nothing was saved. Free some space (or delete old projects) and try again.',
  'error.StorageUnavailableError':
    'This browser does not allow Garim to store projects (private mode?). You can still process videos, but progress is not kept.',
  'error.StoreBlockedError':
    'Garim is open in another tab with an older version. Close the other tab, then reload.',
  'error.StoreOutdatedError':
    'A newer Garim was opened in another tab. Reload this page to continue.',
  'error.ProjectLockedError': 'This project is being changed in another tab. Close it there first.',
  'error.ProjectNotFoundError':
    'This project no longer exists (it may have been deleted in another tab).',
  'error.BadRecordError': 'Some saved data of this project is damaged and was skipped.',
  pwaOfflineReady: 'Ready to work offline: Garim now opens and runs without a network connection.',
  pwaUpdate: 'Update available — reload to use the new version.',
  pwaReload: 'Reload',
  pwaLater: 'Later',
  pwaDismiss: 'OK',
  privacyOpen: 'About privacy',
  privacyTitle: 'About privacy',
  privacyIntro:
    'Garim never uploads anything: videos are read, analysed and encoded in this browser, and the page may not contact any other server. What it keeps, on this device only:',
  privacyProjects:
    'Projects, in this browser’s IndexedDB: the source video, the regions found on each frame with small previews, the tracks, and your edit history (undo steps).',
  privacySettings: 'Settings (language, detail), in localStorage.',
  privacyOffline:
    'The offline copy of the app and its detector models, WebAssembly and ffmpeg files, in the service worker’s cache.',
  privacyClearHint:
    'Deleting everything removes all of the above. Projects cannot be recovered afterwards.',
  privacyClear: 'Delete everything Garim stored',
  privacyClearConfirm:
    'Delete every project, setting and offline copy Garim keeps on this device? This cannot be undone. The page reloads afterwards.',
  privacyClearing: 'Deleting…',
  privacyBlocked: 'Garim is open in another tab. Close it there to finish deleting.',
  privacyFailed: 'Not everything could be deleted. Close other Garim tabs and try again.',
  'error.NoDecodableFramesError':
    'No frame of this video could be decoded: the file is cut off or damaged. Choose the original file again.',
  'error.DamagedVideoError':
    'Part of this video is damaged and cannot be decoded, so it was not exported. Try the original file, or repair it with a video converter first.',
  'error.VideoTooLargeError':
    'This video’s picture is too large for this device to encode. Reduce its resolution (for example to 4K or less) first.',
  'error.FileTooLargeError':
    'This file is too large to convert in the browser (more than 1 GB in a format that needs converting). Convert it to MP4 (H.264) first.',
  'error.StalledError':
    'Processing stopped making progress, probably because the file is damaged. It was stopped; you can try again.',
  'error.NotReadableError':
    'The file could not be read. It may have been moved or changed; choose it again.',
  'review.missingFrames':
    'Only {analysed} of the {listed, plural, one {# frame} other {# frames}} listed in the file could be decoded (the file is cut short or damaged). Only the decoded frames will be exported.',
  'review.repaired':
    'This file is damaged. Garim repaired it with ffmpeg.wasm, so the frames after the damage are kept: {concealed, plural, =0 {none had to be rebuilt} one {# frame was rebuilt where the damage is} other {# frames were rebuilt where the damage is}}, analysed and covered like the others. The sound was re-encoded from what decodes.',
  'review.repairLost':
    '{count, plural, one {# frame} other {# frames}} could not be decoded at all: the picture before stays on screen in their place, covered as it is.',
  'review.soundRepaired':
    'The sound of this file is damaged: it was re-encoded from what decodes (silence where it does not). The picture is unchanged.',
  'review.failedFrames':
    'Detection failed on {count, plural, one {# frame. It} other {# frames. They}} will be covered whole (the entire picture).',
  errorDetails: 'Technical details',
  detail: 'Detail',
  coverPlates: 'Also cover licence plates and other text',
  detailFast: 'Fast — large faces',
  detailBalanced: 'Balanced — recommended',
  detailThorough: 'Thorough — small, distant faces (slowest)',
  detailHint: 'More detail finds smaller faces but takes longer.',
  'output.title': 'What the file carries besides the picture and sound',
  'output.none': 'No location, device, date or other descriptive tags were found in this file.',
  'output.unreadable':
    'The tags of this kind of file cannot be read here. None of them are copied into the export.',
  'output.stripped':
    'None of the location, device, date, people or software tags, and none of these tracks, are copied into the exported video.',
  'output.location': 'Location (GPS)',
  'output.device': 'Device (make, model, serial)',
  'output.time': 'Dates and times',
  'output.people': 'Names, titles and descriptions',
  'output.software': 'Software',
  'output.technical': 'Technical tags',
  'output.extraTracks': 'Other tracks (subtitles, telemetry, timecode), not exported:',
  'output.trackTelemetry': 'Sensor telemetry (e.g. GoPro GPMF, camera motion)',
  'output.trackMetadata': 'Timed metadata',
  'output.trackSubtitle': 'Subtitles or text',
  'output.trackTimecode': 'Timecode',
  'output.trackData': 'Data',
  'output.trackVideo': 'Another video track',
  'output.trackAudio': 'Another sound track',
  'output.trackMayHoldLocation': 'may record where the camera was (GPS); not exported',
  'output.keepTechnical': 'Keep the technical tags (never location, device, dates or names)',
  'output.removeAudio': 'Remove the sound from the exported video',
  'output.format': 'File type',
  'output.formatH264': 'MP4 (H.264) — plays everywhere',
  'output.formatVp9': 'WebM (VP9)',
  'output.formatAv1': 'MP4 (AV1) — smaller, newer players only',
  'output.quality': 'Quality and size',
  'output.qualitySmaller': 'Smaller file (half the bitrate)',
  'output.qualityMatch': 'Match the original — recommended',
  'output.qualityBetter': 'Higher quality (twice the bitrate)',
  'error.unknown': 'Something went wrong while processing. Nothing was uploaded. Details:',
  'editor.hint':
    'Check each region on the frames where it appears. Click a box to select it, drag it to move it, pull its handles to resize it. Everything not marked "keep visible" is covered.',
  'editor.play': 'Play / pause',
  'editor.playButton': 'Play',
  'editor.pauseButton': 'Pause',
  'editor.stepBack': 'Previous frame',
  'editor.stepForward': 'Next frame',
  'editor.jumpBack': 'Back 10 frames',
  'editor.jumpForward': 'Forward 10 frames',
  'editor.nextReview': 'Next item to review',
  'editor.nothingToReview': 'Nothing left to review: no guessed or low-confidence boxes.',
  'editor.mosaic': 'Mosaic preview',
  'editor.newRegion': 'Draw a new region',
  'editor.drawHint': 'Drag on the picture to cover a new area. Esc cancels.',
  'editor.deleteBox': 'Remove the selected box on this frame',
  'editor.deleteTrack': 'Delete the selected region on every frame',
  'editor.keyframe': 'Keyframe: pin the selected box here, or extend its region to this frame',
  'editor.removeKeyframe': 'Remove this keyframe (drawn regions)',
  'editor.split': 'Split the selected region at this frame',
  'editor.setIn': 'Start the export at this frame (in point)',
  'editor.setOut': 'End the export at this frame (out point)',
  'editor.setInButton': 'Set in',
  'editor.setOutButton': 'Set out',
  'editor.trimReset': 'Export the whole video',
  'editor.trimWhole':
    'Export: the whole video. Set in (I) and out (O) at the playhead to export a part.',
  'editor.trimRange':
    'Export: frames {in} to {out} ({count, plural, one {# frame} other {# frames}}, {duration}), sound cut to match.',
  'editor.trimIn': 'In',
  'editor.trimOut': 'Out',
  'editor.newEllipse': 'Draw a new oval region',
  'editor.merge': 'Merge the selected regions into one',
  'editor.mergeHow':
    'To merge: select two or more regions in the list (Ctrl+click, Shift+click or their ☐ buttons), then press M.',
  'editor.selectRegion': 'Include in the selection',
  'editor.selectRegionHint':
    'Select several regions (also Ctrl+click or Shift+click a row); M merges them into one.',
  'editor.readOnly':
    'This project is open for editing in another tab. Here you can look at it, but not change it.',
  'editor.takeOver': 'Take over editing here',
  'editor.readOnlyAction':
    'Only viewing here: the project is open for editing in another tab. Choose "Take over editing here" first.',
  'editor.trackForward': 'Track the selected drawn region forward from this frame',
  'editor.trackBackward': 'Track the selected drawn region backward from this frame',
  'editor.trackForwardButton': 'Track forward',
  'editor.trackBackwardButton': 'Track backward',
  'editor.trackOnlyDrawn': 'Tracking follows a region you drew: select one that is on this frame.',
  'editor.following': 'Tracking',
  'editor.followCancel': 'Stop tracking',
  'editor.followedFrames': 'frames tracked',
  'editor.followEnd': 'Tracking reached the end (or the next keyframe).',
  'editor.followLost':
    'Tracking stopped: the match confidence dropped. Check the last frames and correct them with keyframes.',
  'editor.followLeft': 'Tracking stopped: the region left the picture.',
  'editor.followCancelled': 'Tracking stopped; the frames tracked so far are kept.',
  'editor.followFlat': 'Nothing to track: the region has no texture to follow.',
  'editor.followFailed': 'Tracking failed. The region was not changed.',
  'editor.thumbnail': 'Picture of this region',
  'editor.bulkClass': 'Which regions',
  'editor.bulkAll': 'All',
  'editor.keepAll': 'Keep visible',
  'editor.coverAllOfClass': 'Cover',
  'editor.undo': 'Undo',
  'editor.redo': 'Redo',
  'editor.help': 'Keyboard shortcuts',
  'editor.escape': 'Cancel drawing, close this list, or deselect',
  'editor.close': 'Close',
  'editor.frame': 'Frame',
  'editor.scrubber': 'Position in the video',
  'editor.timeline': 'Where each region appears',
  'editor.tracksTitle': 'Regions',
  'editor.delete': 'Delete',
  'editor.goTo': 'Go to its first frame',
  'editor.frameError': 'This frame could not be shown.',
  'editor.loading': 'Loading frame…',
  'editor.legendDetected': 'detected',
  'editor.legendLow': 'low confidence',
  'editor.legendGuessed': 'not detected (guessed)',
  'editor.legendEdited': 'set by you',
  'editor.frameRegionsTitle': 'Regions on this frame',
  'editor.frameRegionsNone': 'No region on this frame.',
  'editor.boxAt': 'at {x}, {y}, {w}×{h} px',
  'editor.select': 'Select',
  'editor.removeHere': 'Remove here',
  'editor.zoomIn': 'Zoom in (on the selected region)',
  'editor.zoomOut': 'Zoom out',
  'editor.zoomReset': 'Show the whole picture',
  'editor.zoomLevel': 'Zoom',
  'editor.keepVisibleButton': 'Keep visible',
  share: 'Share / Save to phone',
  shareFailed: 'Sharing did not work here; use Download instead.',
  classManual: 'Drawn',
  exportProjectFile: 'Export project file (JSON)',
  exportRegionsCsv: 'Export regions (CSV)',
  importProject: 'Import project file',
  importChooseVideo: 'Now choose the video this project file was made from:',
  importWrongVideo:
    'This is not the video the project file was made from (its fingerprint differs), so nothing was imported. Choose the original video.',
  importUnreadable:
    'This file is not a Garim project file, or it is damaged. Nothing was imported.',
  storageShortfall:
    'This device may not have enough free storage for this project (about {needed} needed, {available} free). Saving it may fail part way. Start anyway?',
  'plan.estimate': 'Estimate: about {time} to analyse {frames} frames ({mode}; {backend}).',
  'plan.storage': 'The project needs about {needed} of storage; {available} is free.',
  'plan.storageUnknown':
    'The project needs about {needed} of storage (this browser does not say how much is free).',
  'plan.storageTooBig':
    'The project needs about {needed} of storage, but this browser lets Garim keep at most {quota} on this device.',
  'error.StorageTooSmallError':
    'This video is too large to process on this device: its project needs more storage than this browser lets Garim keep, even with every other project deleted. Nothing was stored. Trim the video into shorter parts, or use a device with more free space.',
} as const;

export type MessageKey = keyof typeof en;

const ko: Record<MessageKey, string> = {
  appTitle: '가림',
  tagline: '영상 속 얼굴을 가립니다 — 모든 처리는 이 기기 안에서만 이루어집니다.',
  dropHere: '여기에 영상을 끌어다 놓으세요',
  orChoose: '또는',
  firstRunTitle: '사용 방법',
  firstRunStep1:
    '영상을 고르거나 끌어다 놓으세요. 영상은 이 브라우저 안에서만 읽고 업로드하지 않습니다.',
  firstRunStep2: '가림이 얼굴(원하면 번호판과 글자도)을 찾아 영상 전체에서 따라갑니다.',
  firstRunStep3:
    '가릴 대상을 검토하세요. 영역을 옮기거나 크기를 바꾸거나 새로 그리고, 알아볼 수 있게 남길 사람을 고른 뒤 가린 영상을 내보냅니다.',
  firstRunDismiss: '알겠습니다',
  chooseFile: '영상 선택…',
  supported:
    'MP4, MOV, WebM, MKV, AVI. 여러 개를 고르면 하나씩 차례로 분석합니다. 업로드하지 않습니다: 영상은 이 브라우저를 떠나지 않습니다.',
  language: '언어',
  backend: '검출',
  backendLoading: '검출기 불러오는 중…',
  backendThreads: 'SIMD, 스레드 {threads}개',
  backendNotIsolated: 'SIMD, 스레드 1개 (페이지가 교차 출처 격리되지 않음)',
  stageProbe: '영상 읽는 중',
  stageConvert: 'ffmpeg.wasm으로 변환 중',
  stageRepair: '손상된 파일을 ffmpeg.wasm으로 복구하는 중',
  stageAnalyse: '얼굴 찾는 중',
  stageExport: '얼굴을 가리고 인코딩하는 중',
  stageCheck: '결과에 가려지지 않은 얼굴이 있는지 확인하는 중',
  checkClean: '자체 점검: 내보낸 영상에서 가려지지 않은 것을 찾지 못했습니다.',
  checkFindings:
    '자체 점검: 다음 프레임에서 가려진 영역 밖에 얼굴이나 글자로 보이는 것이 남아 있습니다. 공유하기 전에 확인하세요:',
  frameLabel: '프레임',
  projectsTitle: '이 기기의 프로젝트',
  stateAnalysing: '분석 미완료',
  stateReview: '검토 필요',
  stateExported: '내보냄',
  stateFailed: '분석 실패',
  retryProject: '다시 시도',
  resumeProject: '이어서 하기',
  openProject: '열기',
  renameProject: '이름 바꾸기',
  deleteProject: '삭제',
  renamePrompt: '프로젝트의 새 이름',
  deleteConfirm: '이 프로젝트와 저장된 영상을 이 기기에서 삭제할까요?',
  storageUsed: '가림이 이 기기에서 사용 중인 저장 공간:',
  reviewTitle: '가릴 대상 검토',
  reviewHint:
    '각 줄은 영상 전체에서 추적한 얼굴 또는 글자 하나입니다. 모두 가리려면 그대로 두고, 알아볼 수 있게 남겨야 할 사람은 "가리지 않기"를 선택하세요.',
  reviewNone: '검출된 것이 없습니다. 공유하기 전에 영상을 직접 확인하세요.',
  exportButton: '가리고 영상 내보내기',
  keepVisible: '가리지 않기',
  classFace: '얼굴',
  classPlate: '번호판 / 글자',
  editAgain: '검토로 돌아가기',
  frames: '프레임',
  fps: 'fps',
  eta: '남음',
  browserBusy:
    '브라우저가 다른 작업으로 바빠 영상 디코딩이 멈춰 있습니다 (지금까지 {duration}). 가림이 기다리는 중이며 잃는 것은 없습니다. 다른 탭이나 프로그램을 닫으면 빨라집니다.',
  cancel: '취소',
  jobInBackground:
    '다른 앱으로 전환해도 됩니다. 작업 중에는 화면이 켜진 상태로 유지되며, 그동안 브라우저가 Garim을 멈추면 돌아왔을 때 마지막으로 저장한 프레임부터 분석을 이어 갑니다(내보내기는 처음부터 다시 합니다).',
  queueTitle: '영상 대기열',
  queueHint: '백그라운드에서 하나씩 분석하며, 영상마다 프로젝트가 따로 만들어집니다.',
  queueWaiting: '대기 중',
  queueAnalysing: '백그라운드에서 분석 중',
  queueReady: '검토 준비됨',
  queueFailed: '분석하지 못함',
  queueCancelled: '중지됨: 저장된 프로젝트에서 이어서 할 수 있습니다',
  queueReview: '검토',
  queueStop: '중지',
  queueRemove: '목록에서 빼기',
  queueNowReady: '{name} 검토 준비됨',
  cancelled: '취소했습니다. 바뀐 것은 없으며 다시 시작할 수 있습니다.',
  done: '완료. 얼굴을 가렸습니다.',
  download: '가린 영상 내려받기',
  startOver: '다른 영상 처리하기',
  'style.title': '가리는 방식',
  'style.legend': '방식',
  'style.mosaic': '모자이크',
  'style.solid': '단색 채우기 (화면이 전혀 남지 않음)',
  'style.blur': '흐리게',
  'style.blurWeaker':
    '흐리게는 모자이크나 단색보다 약합니다. 흐린 얼굴도 윤곽과 색이 남아, 아는 사람은 알아볼 수 있습니다.',
  'style.color': '색',
  'style.strength': '영역에 남는 세부: 가로 {cells, plural, other {#칸}} (적을수록 안전)',
  'style.padding': '가리는 넓이: 각 영역을 {factor}배로 넓혀 가림 (넓을수록 안전)',
  'style.track': '이 영역의 방식',
  'style.projectDefault': '프로젝트 설정대로',
  summaryFrames: '프레임 수',
  summaryDamage: '손상된 입력',
  summaryDamageCounts:
    '오류 은닉으로 다시 만든 프레임 {concealed, plural, other {#개}} · 디코딩할 수 없는 프레임 {filled, plural, other {#개}} (바로 앞 화면 유지)',
  summaryFaces: '얼굴이 있는 프레임',
  summaryAnalyse: '분석 속도',
  summaryExport: '내보내기 속도',
  summarySize: '결과 크기',
  previewLabel: '현재 프레임과 가려질 영역',
  privacyNote: '모든 처리는 브라우저 안에서 이루어집니다. 서버도 업로드도 없습니다.',
  'error.EmptyFileError': '빈 파일입니다(0바이트). 원본 영상 파일을 다시 선택하세요.',
  'error.NoVideoTrackError':
    '이 파일에는 영상이 없습니다(오디오만 있을 수 있습니다). 영상 파일을 선택하세요.',
  'error.UnsupportedInputError':
    '이 파일을 영상으로 읽을 수 없습니다. 손상되었거나 아직 지원하지 않는 형식일 수 있습니다.',
  'error.ModelLoadError':
    '얼굴 검출기를 불러오지 못했습니다. 페이지를 새로 고친 뒤 다시 시도하세요.',
  'renderFailed.title': '이 화면에서 문제가 생겼습니다',
  'renderFailed.body':
    '프로젝트와 편집 내용은 이 기기에 저장되어 있습니다. 시작 화면으로 돌아가거나 페이지를 새로 고쳐 계속하세요.',
  'renderFailed.back': '시작 화면으로',
  'renderFailed.reload': '새로 고침',
  'error.EncodeError':
    '이 브라우저에서 영상을 인코딩하지 못했습니다. 다른 브라우저(Chrome, Edge)나 더 짧은 영상으로 시도하세요.',
  'error.QuotaExceededError': '기기의 저장 공간이 부족합니다. 공간을 확보한 뒤 다시 시도하세요.',
  'error.StorageFullError':
    '기기의 저장 공간이 부족해 저장하지 못했습니다. 공간을 확보하거나 오래된 프로젝트를 지운 뒤 다시 시도하세요.',
  'error.StorageUnavailableError':
    '이 브라우저는 프로젝트 저장을 허용하지 않습니다(시크릿 모드일 수 있습니다). 영상 처리는 가능하지만 진행 상황은 남지 않습니다.',
  'error.StoreBlockedError':
    '다른 탭에서 이전 버전의 가림이 열려 있습니다. 그 탭을 닫은 뒤 새로 고치세요.',
  'error.StoreOutdatedError':
    '다른 탭에서 새 버전의 가림이 열렸습니다. 이 페이지를 새로 고쳐 계속하세요.',
  'error.ProjectLockedError': '이 프로젝트는 다른 탭에서 수정 중입니다. 먼저 그 탭을 닫으세요.',
  'error.ProjectNotFoundError':
    '이 프로젝트가 더 이상 없습니다(다른 탭에서 삭제되었을 수 있습니다).',
  'error.BadRecordError': '이 프로젝트의 저장된 데이터 일부가 손상되어 건너뛰었습니다.',
  pwaOfflineReady:
    '오프라인에서 쓸 준비가 되었습니다. 이제 네트워크 없이도 가림을 열고 쓸 수 있습니다.',
  pwaUpdate: '새 버전이 있습니다 — 새로 고치면 적용됩니다.',
  pwaReload: '새로 고침',
  pwaLater: '나중에',
  pwaDismiss: '확인',
  privacyOpen: '개인정보 보호 안내',
  privacyTitle: '개인정보 보호 안내',
  privacyIntro:
    '가림은 아무것도 업로드하지 않습니다. 영상은 이 브라우저 안에서 읽고 분석하고 인코딩하며, 페이지는 다른 서버에 접속할 수 없습니다. 이 기기에만 저장하는 것:',
  privacyProjects:
    '프로젝트(이 브라우저의 IndexedDB): 원본 영상, 프레임별로 찾은 영역과 작은 미리보기, 트랙, 편집 기록(실행 취소 단계).',
  privacySettings: '설정(언어, 세밀도): localStorage.',
  privacyOffline: '오프라인용 앱 사본과 검출 모델, WebAssembly, ffmpeg 파일: 서비스 워커 캐시.',
  privacyClearHint:
    '모두 삭제하면 위의 내용이 전부 지워집니다. 삭제한 프로젝트는 되살릴 수 없습니다.',
  privacyClear: '가림이 저장한 것 모두 삭제',
  privacyClearConfirm:
    '이 기기에 가림이 저장한 프로젝트, 설정, 오프라인 사본을 모두 삭제할까요? 되돌릴 수 없습니다. 삭제 후 페이지를 새로 고칩니다.',
  privacyClearing: '삭제하는 중…',
  privacyBlocked: '다른 탭에서 가림이 열려 있습니다. 그 탭을 닫아야 삭제가 끝납니다.',
  privacyFailed: '일부를 삭제하지 못했습니다. 다른 가림 탭을 닫고 다시 시도하세요.',
  'error.NoDecodableFramesError':
    '이 영상은 프레임을 하나도 디코딩할 수 없습니다. 파일이 잘렸거나 손상되었습니다. 원본 파일을 다시 선택하세요.',
  'error.DamagedVideoError':
    '영상 일부가 손상되어 디코딩할 수 없으므로 내보내지 않았습니다. 원본 파일을 쓰거나 먼저 변환 프로그램으로 복구하세요.',
  'error.VideoTooLargeError':
    '이 영상의 화면 크기가 너무 커서 이 기기에서 인코딩할 수 없습니다. 먼저 해상도를 낮추세요(예: 4K 이하).',
  'error.FileTooLargeError':
    '브라우저에서 변환하기에는 파일이 너무 큽니다(변환이 필요한 형식으로 1GB 초과). 먼저 MP4(H.264)로 변환하세요.',
  'error.StalledError':
    '처리가 더 진행되지 않아 중단했습니다. 파일이 손상되었을 수 있습니다. 다시 시도할 수 있습니다.',
  'error.NotReadableError':
    '파일을 읽을 수 없습니다. 파일이 옮겨지거나 바뀌었을 수 있습니다. 다시 선택하세요.',
  'review.missingFrames':
    '파일에 적힌 {listed}개 프레임 중 {analysed}개만 디코딩할 수 있었습니다(파일이 잘렸거나 손상됨). 디코딩된 프레임만 내보냅니다.',
  'review.repaired':
    '이 파일은 손상되어 있습니다. 가림이 ffmpeg.wasm으로 복구해 손상 뒤의 프레임도 유지했습니다. 손상된 곳에서 다시 만든 프레임은 {concealed, plural, other {#개}}이며, 다른 프레임과 똑같이 분석하고 가렸습니다. 소리는 디코딩되는 부분으로 다시 인코딩했습니다.',
  'review.repairLost':
    '{count, plural, other {#개}} 프레임은 전혀 디코딩할 수 없어, 그 자리에는 바로 앞 화면이 가려진 그대로 표시됩니다.',
  'review.soundRepaired':
    '이 파일의 소리가 손상되어 있습니다. 디코딩되는 부분으로 다시 인코딩했습니다(디코딩되지 않는 부분은 무음). 화면은 그대로입니다.',
  'review.failedFrames':
    '{count}개 프레임에서 검출에 실패했습니다. 이 프레임은 화면 전체를 가립니다.',
  errorDetails: '기술 정보',
  detail: '검출 정밀도',
  coverPlates: '번호판과 기타 글자도 가리기',
  detailFast: '빠르게 — 큰 얼굴',
  detailBalanced: '균형 — 권장',
  detailThorough: '꼼꼼하게 — 작고 먼 얼굴 (가장 느림)',
  detailHint: '정밀도를 높이면 더 작은 얼굴까지 찾지만 시간이 더 걸립니다.',
  'output.title': '이 파일에 화면과 소리 말고 담긴 정보',
  'output.none': '이 파일에는 위치, 기기, 날짜 같은 설명 정보가 없습니다.',
  'output.unreadable':
    '이 종류의 파일은 여기서 태그를 읽을 수 없습니다. 태그는 하나도 내보내지 않습니다.',
  'output.stripped':
    '위치, 기기, 날짜, 사람, 소프트웨어 태그와 이 트랙들은 내보내는 영상에 하나도 복사하지 않습니다.',
  'output.location': '위치 (GPS)',
  'output.device': '기기 (제조사, 모델, 일련번호)',
  'output.time': '날짜와 시각',
  'output.people': '이름, 제목, 설명',
  'output.software': '소프트웨어',
  'output.technical': '기술 태그',
  'output.extraTracks': '다른 트랙 (자막, 센서 기록, 타임코드), 내보내지 않음:',
  'output.trackTelemetry': '센서 기록 (예: GoPro GPMF, 카메라 움직임)',
  'output.trackMetadata': '시간별 메타데이터',
  'output.trackSubtitle': '자막 또는 텍스트',
  'output.trackTimecode': '타임코드',
  'output.trackData': '데이터',
  'output.trackVideo': '다른 영상 트랙',
  'output.trackAudio': '다른 소리 트랙',
  'output.trackMayHoldLocation': '촬영 위치(GPS)가 기록되어 있을 수 있음. 내보내지 않음',
  'output.keepTechnical': '기술 태그는 남기기 (위치, 기기, 날짜, 이름은 절대 남기지 않음)',
  'output.removeAudio': '내보내는 영상에서 소리 빼기',
  'output.format': '파일 형식',
  'output.formatH264': 'MP4 (H.264) — 어디서나 재생',
  'output.formatVp9': 'WebM (VP9)',
  'output.formatAv1': 'MP4 (AV1) — 더 작음, 최신 플레이어 전용',
  'output.quality': '화질과 크기',
  'output.qualitySmaller': '더 작은 파일 (비트레이트 절반)',
  'output.qualityMatch': '원본과 같게 — 권장',
  'output.qualityBetter': '더 높은 화질 (비트레이트 두 배)',
  'error.unknown': '처리 중 문제가 생겼습니다. 아무것도 업로드되지 않았습니다. 자세한 내용:',
  'editor.hint':
    '각 영역이 나오는 프레임에서 확인하세요. 상자를 눌러 선택하고, 끌어서 옮기고, 손잡이를 당겨 크기를 바꿉니다. "가리지 않기"로 표시하지 않은 것은 모두 가려집니다.',
  'editor.play': '재생 / 일시정지',
  'editor.playButton': '재생',
  'editor.pauseButton': '일시정지',
  'editor.stepBack': '이전 프레임',
  'editor.stepForward': '다음 프레임',
  'editor.jumpBack': '10프레임 뒤로',
  'editor.jumpForward': '10프레임 앞으로',
  'editor.nextReview': '다음 검토 항목',
  'editor.nothingToReview': '더 검토할 것이 없습니다: 추정되거나 신뢰도가 낮은 상자가 없습니다.',
  'editor.mosaic': '모자이크 미리보기',
  'editor.newRegion': '새 영역 그리기',
  'editor.drawHint': '화면을 끌어서 가릴 영역을 새로 그리세요. Esc로 취소합니다.',
  'editor.deleteBox': '이 프레임에서 선택한 상자 지우기',
  'editor.deleteTrack': '선택한 영역을 모든 프레임에서 지우기',
  'editor.keyframe': '키프레임: 선택한 상자를 여기에 고정하거나 영역을 이 프레임까지 늘리기',
  'editor.removeKeyframe': '이 키프레임 지우기 (직접 그린 영역)',
  'editor.split': '선택한 영역을 이 프레임에서 나누기',
  'editor.setIn': '이 프레임부터 내보내기 (시작점)',
  'editor.setOut': '이 프레임까지 내보내기 (끝점)',
  'editor.setInButton': '시작점 지정',
  'editor.setOutButton': '끝점 지정',
  'editor.trimReset': '영상 전체 내보내기',
  'editor.trimWhole':
    '내보내기: 영상 전체. 일부만 내보내려면 재생 위치에서 시작점(I)과 끝점(O)을 지정하세요.',
  'editor.trimRange':
    '내보내기: 프레임 {in}–{out} ({count}개 프레임, {duration}), 소리도 같은 구간으로 자름.',
  'editor.trimIn': '시작',
  'editor.trimOut': '끝',
  'editor.newEllipse': '새 타원 영역 그리기',
  'editor.merge': '선택한 영역들을 하나로 합치기',
  'editor.mergeHow':
    '합치려면: 목록에서 영역을 둘 이상 선택하고(Ctrl+클릭, Shift+클릭 또는 ☐ 버튼) M을 누르세요.',
  'editor.selectRegion': '선택에 포함',
  'editor.selectRegionHint':
    '여러 영역을 선택합니다(행을 Ctrl+클릭 또는 Shift+클릭해도 됩니다). M을 누르면 하나로 합칩니다.',
  'editor.readOnly':
    '이 프로젝트는 다른 탭에서 편집 중입니다. 여기서는 볼 수만 있고 바꿀 수는 없습니다.',
  'editor.takeOver': '여기서 편집하기',
  'editor.readOnlyAction':
    '이 탭에서는 볼 수만 있습니다(다른 탭에서 편집 중). 먼저 "여기서 편집하기"를 누르세요.',
  'editor.trackForward': '선택한 그린 영역을 이 프레임부터 앞으로 추적',
  'editor.trackBackward': '선택한 그린 영역을 이 프레임부터 뒤로 추적',
  'editor.trackForwardButton': '앞으로 추적',
  'editor.trackBackwardButton': '뒤로 추적',
  'editor.trackOnlyDrawn':
    '추적은 직접 그린 영역을 따라갑니다: 이 프레임에 있는 영역을 선택하세요.',
  'editor.following': '추적 중',
  'editor.followCancel': '추적 멈추기',
  'editor.followedFrames': '프레임 추적됨',
  'editor.followEnd': '끝(또는 다음 키프레임)까지 추적했습니다.',
  'editor.followLost':
    '추적이 멈췄습니다: 일치 신뢰도가 떨어졌습니다. 마지막 프레임들을 확인하고 키프레임으로 고치세요.',
  'editor.followLeft': '추적이 멈췄습니다: 영역이 화면 밖으로 나갔습니다.',
  'editor.followCancelled': '추적을 멈췄습니다. 지금까지 추적한 프레임은 남아 있습니다.',
  'editor.followFlat': '추적할 것이 없습니다: 영역에 따라갈 무늬가 없습니다.',
  'editor.followFailed': '추적에 실패했습니다. 영역은 바뀌지 않았습니다.',
  'editor.thumbnail': '이 영역의 사진',
  'editor.bulkClass': '어떤 영역',
  'editor.bulkAll': '모두',
  'editor.keepAll': '보이게 두기',
  'editor.coverAllOfClass': '가리기',
  'editor.undo': '실행 취소',
  'editor.redo': '다시 실행',
  'editor.help': '단축키',
  'editor.escape': '그리기 취소, 이 목록 닫기, 선택 해제',
  'editor.close': '닫기',
  'editor.frame': '프레임',
  'editor.scrubber': '영상 안의 위치',
  'editor.timeline': '각 영역이 나오는 구간',
  'editor.tracksTitle': '영역',
  'editor.delete': '삭제',
  'editor.goTo': '첫 프레임으로 이동',
  'editor.frameError': '이 프레임을 표시하지 못했습니다.',
  'editor.loading': '프레임 불러오는 중…',
  'editor.legendDetected': '검출됨',
  'editor.legendLow': '낮은 신뢰도',
  'editor.legendGuessed': '검출 안 됨 (추정)',
  'editor.legendEdited': '직접 설정함',
  'editor.frameRegionsTitle': '이 프레임의 영역',
  'editor.frameRegionsNone': '이 프레임에는 영역이 없습니다.',
  'editor.boxAt': '위치 {x}, {y}, 크기 {w}×{h} px',
  'editor.select': '선택',
  'editor.removeHere': '여기서 지우기',
  'editor.zoomIn': '확대 (선택한 영역 중심)',
  'editor.zoomOut': '축소',
  'editor.zoomReset': '화면 전체 보기',
  'editor.zoomLevel': '배율',
  'editor.keepVisibleButton': '가리지 않기',
  share: '공유 / 휴대폰에 저장',
  shareFailed: '여기서는 공유할 수 없습니다. 내려받기를 사용하세요.',
  classManual: '직접 그림',
  exportProjectFile: '프로젝트 파일 내보내기 (JSON)',
  exportRegionsCsv: '영역 목록 내보내기 (CSV)',
  importProject: '프로젝트 파일 가져오기',
  importChooseVideo: '이제 이 프로젝트 파일을 만든 원본 영상을 선택하세요:',
  importWrongVideo:
    '프로젝트 파일을 만든 영상이 아닙니다(지문이 다릅니다). 아무것도 가져오지 않았습니다. 원본 영상을 선택하세요.',
  importUnreadable:
    '가림 프로젝트 파일이 아니거나 손상된 파일입니다. 아무것도 가져오지 않았습니다.',
  storageShortfall:
    '이 기기에 이 프로젝트를 저장할 공간이 부족할 수 있습니다(약 {needed} 필요, {available} 남음). 저장하다가 실패할 수 있습니다. 그래도 시작할까요?',
  'plan.estimate': '예상: 프레임 {frames}개 분석에 약 {time} ({mode}; {backend}).',
  'plan.storage': '프로젝트에 저장 공간이 약 {needed} 필요합니다. 남은 공간은 {available}입니다.',
  'plan.storageUnknown':
    '프로젝트에 저장 공간이 약 {needed} 필요합니다(이 브라우저는 남은 공간을 알려 주지 않습니다).',
  'plan.storageTooBig':
    '프로젝트에 저장 공간이 약 {needed} 필요하지만, 이 브라우저는 이 기기에서 가림이 최대 {quota}까지만 저장하도록 허용합니다.',
  'error.StorageTooSmallError':
    '이 영상은 이 기기에서 처리하기에 너무 큽니다. 다른 프로젝트를 모두 지워도 이 브라우저가 가림에 허용하는 저장 공간보다 더 많은 공간이 필요합니다. 아무것도 저장하지 않았습니다. 영상을 짧게 나누거나, 여유 공간이 더 많은 기기를 사용하세요.',
};

export const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { en, ko };

export function detectLang(languages: readonly string[]): Lang {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ko' || base === 'en') return base;
  }
  return 'en';
}

export function translate(lang: Lang, key: MessageKey): string {
  return CATALOGUES[lang][key];
}

/** The words for an error; unknown errors get a generic sentence plus their own message. */
export function errorMessage(lang: Lang, name: string, detail: string): string {
  const key = `error.${name}` as MessageKey;
  if (key in en) return translate(lang, key);
  return `${translate(lang, 'error.unknown')} ${detail}`;
}

export function formatDuration(lang: Lang, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  const rest = String(s % 60).padStart(2, '0');
  return lang === 'ko' ? `${m}분 ${rest}초` : `${m}:${rest}`;
}
