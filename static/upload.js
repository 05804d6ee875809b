// upload.js: refuse a file over the limit before it is sent, with the
// message the page carries (data-too-big), instead of a long upload ending
// in an error.  The server checks again; this only saves the wait.
document.querySelectorAll('input[type=file][data-max]').forEach((input) => {
  input.addEventListener('change', () => {
    const max = Number(input.dataset.max);
    const f = input.files && input.files[0];
    input.setCustomValidity(f && f.size > max ? input.dataset.tooBig : '');
    input.reportValidity();
  });
});
